import { statelessReason } from '../../harness/policy/not-applicable.ts';
import { defineScenario } from '../define.ts';

export default defineScenario({
  id: 'revoked',
  title: 'Token revoked at the IdP (introspection says active=false)',
  category: 'revocation',
  refs: ['RFC 7009', 'RFC 7662 §2.2', 'login audit trail'],
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
