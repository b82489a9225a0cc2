import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'jwks-down',
  title: 'The JWKS fails, then stalls, while the token names a key the API cannot have cached',
  category: 'revocation',
  refs: [rfc(7517, '5'), rfc(8725, '3.10'), source('fail-closed principle')],
  expect: 'REJECT',
  resolution:
    'Fetch the JWKS with a short timeout and fail closed when it errors or stalls: refuse tokens whose key you cannot get (503 or 401), never accept them unverified or hang.',
  // A failing JWKS is failing for every token: nothing else may run meanwhile, and every endpoint waits out one stall together.
  exclusive: true,
  async setup(ctx) {
    // One fresh key per variant: an API throttles refetches per kid, and the second variant must reach the JWKS too.
    const alg = ctx.idp.minter.shape.alg;
    const [failing, stalling] = [await ctx.idp.keys.addNext(alg, ctx.fault.now), await ctx.idp.keys.addNext(alg, ctx.fault.now)];
    return { failing: failing.kid, stalling: stalling.kid };
  },
  async probes(ctx, kids) {
    return [
      {
        label: 'JWKS answers 503',
        credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid: kids.failing } }) },
        before: async () => void ctx.idp.state.failures.set('jwks', 'fail'),
      },
      {
        label: 'JWKS stalls',
        credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid: kids.stalling } }) },
        before: async () => void ctx.idp.state.failures.set('jwks', 'stall'),
      },
    ];
  },
  order: 30,
});
