import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'introspection-down',
  title: "The IdP's introspection endpoint fails, then stalls",
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7662, '2'), rfc(7009), source('fail-closed principle')],
  expect: 'REJECT',
  // Waits out the target's IdP timeout: started early, the stall overlaps the other scenarios.
  waits: true,
  resolution:
    'Fail closed when introspection errors or times out: refuse the request (503 or 401) within a short timeout, never serve it; an API that never introspects cannot see revocation at all.',
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async probes(ctx) {
    // The outage is this scenario's tokens' alone (by jti): every other token introspects as usual meanwhile.
    const variant = async (label: string, mode: 'fail' | 'stall') => {
      const token = await ctx.forge();
      return {
        label,
        credential: { kind: 'token' as const, token },
        before: async () => ctx.idp.state.faultToken(String(token.claims.jti), { introspect: mode }),
      };
    };
    return [await variant('introspection answers 503', 'fail'), await variant('introspection stalls', 'stall')];
  },
  order: 20,
});
