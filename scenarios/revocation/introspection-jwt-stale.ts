import { forgedAnswer } from '../lib/introspection-faults.ts';
import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'introspection-jwt-stale',
  title: 'JWT introspection answer (RFC 9701) issued an hour ago (stale iat)',
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(9701, '5'), rfc(9701, '8.3'), rfc(7662, '4')],
  expect: 'IT',
  resolution:
    'Refuse a token-introspection+jwt answer whose iat is older than your clock leeway: a replayed old answer says a since-revoked token is active.',
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async probes(ctx) {
    return forgedAnswer(ctx, 'a revoked token; the JWT answer says active, iat an hour old', 'stale-iat');
  },
  order: 60,
});
