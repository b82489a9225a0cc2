import { defineScenario, type ScenarioContext } from '../define.ts';

/** The kid each run published, so that cleanup can retire exactly that key. */
const published = new WeakMap<ScenarioContext, string>();

export default defineScenario({
  id: 'rotated-key',
  title: 'Positive control: signed by a key the IdP has just added to its JWKS',
  category: 'signature',
  refs: ['RFC 7517 §5', 'RFC 7515 §4.1.4', 'expired-certificate incident'],
  expect: 'OK',
  resolution:
    'When a token names a kid you do not know, refetch the JWKS (rate-limited) before rejecting, so that re-keying at the IdP needs no restart or re-import on your side (the expired-certificate incident).',
  async setup(ctx) {
    const key = await ctx.idp.keys.addNext(ctx.idp.minter.shape.alg, ctx.fault.now);
    published.set(ctx, key.kid);
  },
  async probes(ctx) {
    const kid = published.get(ctx)!;
    return { credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid } }) } };
  },
  async cleanup(ctx) {
    // Later scenarios must see the original JWKS.
    const kid = published.get(ctx);
    if (kid) ctx.idp.keys.retire(kid);
  },
  order: 60,
});
