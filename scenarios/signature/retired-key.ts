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
    // The IdP's spare key of the baseline's algorithm (an algorithm the API accepts): published since the
    // baseline, so the API has it cached, and signing nothing else. Without one (a key set made
    // elsewhere) a fresh key stands in, which the API never saw: the scenario then proves less.
    const key = keys.spareKey(minter.shape.alg) ?? (await keys.addNext(minter.shape.alg, ctx.fault.now));
    keys.retire(key.kid);
    return key.kid;
  },
  async probes(ctx, kid) {
    return [
      {
        // A kid nobody has is what makes a well-behaved API refetch a JWKS it cached before the retirement.
        label: 'unknown kid (makes the API refetch its JWKS)',
        credential: { kind: 'token', token: await ctx.forge({ header: { kid: `gauntlet-refetch-${randomUUID()}` } }) },
      },
      { label: 'retired key', credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid } }) } },
    ];
  },
  order: 70,
});
