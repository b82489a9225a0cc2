import { randomUUID } from 'node:crypto';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { defineScenario, type ScenarioContext } from '../define.ts';

/**
 * The key to retire: one the API has cached since the baseline, so that accepting it proves the API
 * still trusts a key the JWKS dropped. Not the baseline's key (every other scenario needs it). PS256
 * first: psychic-sig (ES256 key) and alg-not-allowed (baseline or RS256 key) follow soon after, and an
 * API may wait a while before refetching for a kid it has just found missing.
 */
const PREFERENCE: readonly SigningAlg[] = ['PS256', 'EdDSA', 'ES256', 'RS256'];

interface Retired {
  kid: string;
  /** An original key goes back into the JWKS afterwards; a key made just for this run does not. */
  restore: boolean;
}

const retired = new WeakMap<ScenarioContext, Retired>();

export default defineScenario({
  id: 'retired-key',
  title: 'Signed by a key the IdP has removed from its JWKS',
  category: 'signature',
  refs: ['RFC 7517 §5', 'RFC 8725 §3.10', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['MissingKey'],
  resolution:
    'Trust exactly the keys of the current JWKS: when you refetch it, drop the keys it no longer lists instead of keeping every key you have ever seen or the set loaded at startup.',
  async setup(ctx) {
    const { keys, minter } = ctx.idp;
    const alg = PREFERENCE.find((a) => a !== minter.shape.alg && keys.algs.includes(a));
    // With one algorithm loaded there is no spare cached key: retire a fresh one (the API never saw it).
    const key = alg ? keys.activeKey(alg) : await keys.addNext(minter.shape.alg, ctx.fault.now);
    keys.retire(key.kid);
    retired.set(ctx, { kid: key.kid, restore: alg !== undefined });
  },
  async probes(ctx) {
    const { kid } = retired.get(ctx)!;
    return [
      {
        // A kid nobody has is what makes a well-behaved API refetch a JWKS it cached before the retirement.
        label: 'unknown kid (makes the API refetch its JWKS)',
        credential: { kind: 'token', token: await ctx.forge({ header: { kid: `gauntlet-refetch-${randomUUID()}` } }) },
      },
      { label: 'retired key', credential: { kind: 'token', token: await ctx.forge({ signWith: { kind: 'kid', kid } }) } },
    ];
  },
  async cleanup(ctx) {
    const r = retired.get(ctx);
    // activate() publishes again; the key was already the active one of its algorithm.
    if (r?.restore) ctx.idp.keys.activate(r.kid);
  },
  order: 70,
});
