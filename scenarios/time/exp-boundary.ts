import { defineScenario } from '../define.ts';
import { boundaryProbes } from '../lib/boundary.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'exp-boundary',
  title: 'exp just beyond and just inside the declared clock leeway',
  category: 'time',
  refs: [rfc(7519, '4.1.4'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenExpired', 'AccessTokenExpired'],
  resolution:
    'Reject a token once now ≥ exp + leeway and accept it until then, with exactly the leeway you declare (--leeway, policy.leeway): neither none nor more; declared or not, never more than 300 s.',
  probes: (ctx) => boundaryProbes(ctx, 'exp'),
  order: 20,
});
