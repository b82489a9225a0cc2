import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'revoked',
  title: 'Token revoked at the IdP (introspection says active=false)',
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7009), rfc(7662, '2.2'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenBlocked'],
  resolution:
    'Check revocation for every token (introspection, RFC 7662, or a revocation list pushed by the IdP) and reject revoked ones with 401 invalid_token.',
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'revoked'),
  async probes(ctx) {
    const token = await ctx.forge();
    ctx.idp.state.revokedJtis.add(String(token.claims.jti));
    return { credential: { kind: 'token', token } };
  },
  order: 10,
});
