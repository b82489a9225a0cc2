import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'rotated-key',
  title: 'Positive control: signed by a key the IdP has just added to its JWKS',
  category: 'signature',
  refs: [rfc(7517, '5'), rfc(7515, '4.1.4'), source('expired-certificate incident')],
  expect: 'OK',
  resolution:
    'When a token names a kid you do not know, refetch the JWKS (rate-limited) before rejecting, so that re-keying at the IdP needs no restart or re-import on your side (the expired-certificate incident).',
  // The API must see the JWKS as it is now: a refetch another scenario started a moment earlier would not have the new key.
  exclusive: true,
  async setup(ctx) {
    return (await ctx.idp.keys.addNext(ctx.idp.minter.shape.alg, ctx.fault.now)).kid;
  },
  async probes(ctx, kid) {
    return { credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid } }) } };
  },
  order: 60,
});
