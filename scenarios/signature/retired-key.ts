import { randomUUID } from 'node:crypto';
import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'retired-key',
  title: 'Signed by a key the IdP has removed from its JWKS',
  category: 'signature',
  refs: [rfc(7517, '5'), rfc(8725, '3.10'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['MissingKey'],
  resolution:
    'Trust exactly the keys of the current JWKS: when you refetch it, drop the keys it no longer lists instead of keeping every key you have ever seen or the set loaded at startup.',
  // The JWKS changes for everyone, and the API's refetch must see the change: a refetch another scenario started earlier would not.
  exclusive: true,
  async setup(ctx) {
    const { keys, minter } = ctx.idp;
    // The IdP's spare key of the baseline's algorithm (an algorithm the API accepts), published since the
    // baseline and signing nothing else; without one (a key set made elsewhere) a fresh key stands in.
    // Either way it is retired only after a token it signed was accepted, as a real retirement is.
    const key = keys.spareKey(minter.shape.alg) ?? (await keys.addNext(minter.shape.alg, ctx.fault.now));
    return key.kid;
  },
  async probes(ctx, kid) {
    const signed = () => ctx.forge({ signWith: { kind: 'kid', kid } });
    return [
      {
        // A key in use: an API with a per-kid key cache (jwks-rsa, get-jwks) fetches and caches it here,
        // as it would any key it has verified a token with, so what follows tests that cache too.
        label: 'key still published (the API looks it up and caches it)',
        credential: { kind: 'token', token: await signed() },
        expect: 'OK',
      },
      {
        // A kid nobody has is what makes a well-behaved API refetch a JWKS it cached before the retirement.
        label: 'unknown kid (makes the API refetch its JWKS)',
        credential: { kind: 'token', token: await ctx.forge({ header: { kid: `gauntlet-refetch-${randomUUID()}` } }) },
        async before(c, retired) {
          c.idp.keys.retire(retired);
        },
      },
      { label: 'retired key', credential: { kind: 'token', token: await signed() } },
    ];
  },
  order: 70,
});
