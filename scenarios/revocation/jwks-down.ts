import { defineScenario, type ScenarioContext } from '../define.ts';

/** The keys this scenario published, per run of it, so cleanup can retire them. */
const published = new WeakMap<ScenarioContext, string[]>();

export default defineScenario({
  id: 'jwks-down',
  title: 'The JWKS fails, then stalls, while the token names a key the API cannot have cached',
  category: 'revocation',
  refs: ['RFC 7517 §5', 'RFC 8725 §3.10', 'fail-closed principle'],
  expect: 'REJECT',
  resolution:
    'Fetch the JWKS with a short timeout and fail closed when it errors or stalls: refuse tokens whose key you cannot get (503 or 401), never accept them unverified or hang.',
  async setup(ctx) {
    // One fresh key per variant: an API throttles refetches per kid, and the second variant must reach the JWKS too.
    const alg = ctx.idp.minter.shape.alg;
    const keys = [await ctx.idp.keys.addNext(alg, ctx.fault.now), await ctx.idp.keys.addNext(alg, ctx.fault.now)];
    published.set(ctx, keys.map((k) => k.kid));
    ctx.idp.state.failures.set('jwks', 'fail');
  },
  async probes(ctx) {
    const [failing = '', stalling = ''] = published.get(ctx) ?? [];
    return [
      { label: 'JWKS answers 503', credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid: failing } }) } },
      { label: 'JWKS stalls', credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid: stalling } }) } },
    ];
  },
  async inspect(ctx) {
    // The engine has no per-variant setup; inspect runs after each answer and before the next request,
    // so it moves the IdP on from failing to stalling for the second variant.
    ctx.idp.state.failures.set('jwks', 'stall');
    return [];
  },
  async cleanup(ctx) {
    ctx.idp.state.failures.clear();
    ctx.idp.state.releaseStalls();
    for (const kid of published.get(ctx) ?? []) ctx.idp.keys.retire(kid);
    published.delete(ctx);
  },
  order: 30,
});
