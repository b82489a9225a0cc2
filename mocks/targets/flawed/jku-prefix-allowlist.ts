import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** A jku is followed when it starts with the configured JWKS URL: a string prefix, not a parsed and normalised URL. */
const resolveKey: Step = async (ctx) => {
  const jku = ctx.header?.jku;
  if (typeof jku !== 'string' || !jku.startsWith(ctx.options.jwksUri)) return referenceSteps.resolveKey(ctx);
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
  name: 'jku-prefix-allowlist',
  flaw: 'Follows a token\'s jku only when it "is ours", checked as `jku.startsWith(jwksUri)`: `${jwksUri}/../anything` passes, and fetch normalises it to another path on the IdP\'s host.',
  basedOn:
    'jku allowlists by prefix or host (PortSwigger "JWT attacks": jku with open redirects and path tricks; jwt_tool -X s); RFC 8725 §3.10, CWE-918, CWE-20.',
  catches: ['jku-x5u'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
