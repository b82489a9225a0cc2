import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { fetchPublishedKeys, runWith, type KeySource } from './step-view.ts';

/**
 * A JWKS cache like the reference's (an expiry, one refetch per unknown kid and interval) whose fetch
 * error handler returns an empty key set, which is then cached like any answer: after one failed or
 * stalled fetch, every token is refused until the cache expires, long after the IdP is back.
 */
function failureCached(): Step {
  let keys: JWK[] | undefined;
  let failed = false;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  const refetched = new Map<string, number>();
  return async (ctx) => {
    const { jwksUri, idpTimeoutMs, jwksMaxAge, unknownKidRefetchInterval } = ctx.options;
    const fetchNow = async (): Promise<void> => {
      // The flaw: the fallback is kept, and trusted, for as long as a real answer would be.
      [keys, failed] = await fetchPublishedKeys(jwksUri, idpTimeoutMs).then(
        (k) => [k, false] as const,
        () => [[], true] as const,
      );
      fetchedAt = ctx.now;
    };
    const source: KeySource = {
      lookup: async (kid) => {
        if (!keys || ctx.now - fetchedAt >= jwksMaxAge) await fetchNow();
        const found = keys!.filter((k) => k.kid === kid);
        // A cached failure is a cached answer: no refetch for an unknown kid until it expires.
        if (found.length > 0 || failed || ctx.now - (refetched.get(kid) ?? Number.NEGATIVE_INFINITY) < unknownKidRefetchInterval)
          return found;
        refetched.set(kid, ctx.now);
        await fetchNow();
        return keys!.filter((k) => k.kid === kid);
      },
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    };
    return runWith(referenceSteps.resolveKey, ctx, { jwks: source });
  };
}

export default defineFlawedTarget({
  name: 'jwks-failure-cached',
  flaw: 'Caches a failed JWKS fetch as an empty key set (`fetchJwks().catch(() => ({ keys: [] }))` stored like any answer), so one outage of the IdP makes it refuse every valid token until the cache expires.',
  basedOn:
    'The negative-caching pattern of hand-written JWKS caches (a fallback value memoised with the same TTL as a real answer); CWE-400 / CWE-755. An outage caused by an attacker (a stalled JWKS, kid spam against a rate limit) then locks every user out.',
  catches: ['baseline-after'],
  severity: 'major',
  options: () => ({ steps: { resolveKey: failureCached() } }),
});
