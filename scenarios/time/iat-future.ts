import { defineScenario } from '../define.ts';
import { boundaryProbes } from '../lib/boundary.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'iat-future',
  title: 'Issued in the future (iat just beyond now + leeway)',
  category: 'time',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7519, '4.1.6'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenNotAcceptable'],
  resolution:
    'Reject tokens whose iat lies beyond now plus your clock leeway (a token from the future means a broken or hostile issuer clock), and accept them inside it: exactly the leeway you declare (--leeway), never more than 300 s.',
  probes: (ctx) => boundaryProbes(ctx, 'iat'),
  order: 60,
});
