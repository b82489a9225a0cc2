import { defineScenario } from '../define.ts';
import { boundaryProbes } from '../lib/boundary.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'nbf-future',
  title: 'Not valid yet (nbf just beyond now + leeway)',
  category: 'time',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7519, '4.1.5'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenNotAcceptable'],
  resolution:
    'Reject tokens whose nbf lies beyond now plus your clock leeway, with 401 invalid_token, and accept them inside it: exactly the leeway you declare (--leeway), never more than 300 s.',
  probes: (ctx) => boundaryProbes(ctx, 'nbf'),
  order: 50,
});
