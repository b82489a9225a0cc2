import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** A jku in the header is where keys come from: fetched for real, its keys tried before the configured JWKS. */
const resolveKey: Step = async (ctx) => {
  const jku = ctx.header?.jku;
  if (typeof jku !== 'string') return referenceSteps.resolveKey(ctx);
  const named: JWK[] = await fetch(jku, { signal: AbortSignal.timeout(ctx.options.idpTimeoutMs) })
    .then(async (r) => ((await r.json()) as { keys?: JWK[] }).keys ?? [])
    .catch(() => []);
  return runWith(referenceSteps.resolveKey, ctx, {
    jwks: {
      lookup: async (kid) => {
        const fromToken = named.filter((k) => k.kid === kid);
        return fromToken.length ? fromToken : ctx.jwks.lookup(kid);
      },
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    },
  });
};

export default defineFlawedTarget({
  name: 'jku-followed',
  flaw: 'Fetches the JWK Set URL a token names in its jku header and trusts the keys found there (server-side request forgery, and forged tokens once the attacker serves the key).',
  basedOn:
    'CVE-2018-0114-style trust in key material named by the token (OWASP JWT cheat sheet); SAP cloud-security-services-integration-library PR 97 and cloud-sdk-js PR 100 moved key fetching to the jku header (RFC 8725 §3.10, CWE-918).',
  catches: ['jku-x5u'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
