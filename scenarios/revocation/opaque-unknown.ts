import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'opaque-unknown',
  title: 'An opaque token the IdP never issued (introspection says active=false)',
  category: 'revocation',
  formats: ['opaque'],
  refs: [rfc(7662, '2.2'), rfc(6750, '3.1')],
  expect: 'IT',
  resolution:
    'Serve an opaque token only when introspection answers active=true for it; an unknown token is active=false and must get 401 invalid_token, never a cached or default yes.',
  async probes(ctx) {
    // Random, shaped like the tokens the IdP issues, recorded nowhere.
    return { credential: { kind: 'token', token: await ctx.forge({ opaque: 'unknown' }) } };
  },
  order: 30,
});
