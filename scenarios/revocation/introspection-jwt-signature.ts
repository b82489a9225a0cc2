import { forgedAnswer } from '../lib/introspection-faults.ts';
import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'introspection-jwt-signature',
  title: 'JWT introspection answer (RFC 9701) unsigned or signed by a key the IdP does not publish',
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(9701, '5'), rfc(9701, '8.1'), rfc(8725, '3.1')],
  expect: 'IT',
  resolution:
    "Verify a token-introspection+jwt answer's signature with the IdP's published keys and an allow-list of asymmetric algorithms (never alg none) before reading token_introspection; when it fails, the token is not shown active: 401 invalid_token.",
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async probes(ctx) {
    return [
      await forgedAnswer(ctx, 'a revoked token; the JWT answer says active, alg none', 'unsigned'),
      await forgedAnswer(ctx, 'a revoked token; the JWT answer says active, signed by a foreign key under the IdP kid', 'foreign-key'),
    ];
  },
  order: 40,
});
