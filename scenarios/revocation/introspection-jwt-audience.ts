import { forgedAnswer } from '../lib/introspection-faults.ts';
import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'introspection-jwt-audience',
  title: 'JWT introspection answer (RFC 9701) addressed to another resource server',
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(9701, '5'), rfc(9701, '8.2')],
  expect: 'IT',
  resolution:
    "Check that a token-introspection+jwt answer's aud is your own client id at the IdP: an answer the IdP gave another resource server, replayed to you, says nothing about your request.",
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async probes(ctx) {
    return forgedAnswer(ctx, 'a revoked token; the JWT answer says active, aud another resource server', 'other-audience');
  },
  order: 50,
});
