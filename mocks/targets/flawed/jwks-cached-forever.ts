import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { fetchPublishedKeys, runWith, type KeySource } from './step-view.ts';

/** The key set as first fetched, kept for the life of the process: no expiry, no refetch for an unknown kid. */
function keptForever(): Step {
  let keys: Promise<JWK[]> | undefined;
  return async (ctx) => {
    keys ??= fetchPublishedKeys(ctx.options.jwksUri, ctx.options.idpTimeoutMs).catch((err: unknown) => {
      keys = undefined;
      throw err;
    });
    const frozen: KeySource = {
      lookup: async (kid) => (await keys!).filter((k) => k.kid === kid),
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    };
    return runWith(referenceSteps.resolveKey, ctx, { jwks: frozen });
  };
}

export default defineFlawedTarget({
  name: 'jwks-cached-forever',
  flaw: 'Fetches the JWKS once and keeps it until restart, so a key rotated in is never found and a key the IdP removed is still trusted: one stale cache, two scenarios.',
  basedOn:
    'mckinsey/agents-at-scale-ark#2457 (JWKS cached on first use, never refreshed; rotated Dex keys rejected until restart) and synergyai-nl/svelte-langgraph#284 (no TTL: a removed key accepted until restart); the expired-certificate incident.',
  catches: ['rotated-key', 'retired-key'],
  bySeverity: { 'rotated-key': 'major' },
  severity: 'critical',
  options: () => ({ steps: { resolveKey: keptForever() } }),
});
