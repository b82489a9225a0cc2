import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** The kid is looked up in the keys of every trusted issuer at once, whatever the token's iss says. */
const resolveKey: Step = (ctx) =>
  runWith(referenceSteps.resolveKey, ctx, {
    jwks: {
      lookup: async (kid) => {
        const all: JWK[][] = await Promise.all([ctx.jwks, ...(ctx.issuerKeys?.values() ?? [])].map((source) => source.lookup(kid)));
        return all.flat();
      },
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    },
    // The reference picks the JWKS by iss; this one never does.
    issuerKeys: new Map(),
  });

export default defineFlawedTarget({
  name: 'keys-across-issuers',
  flaw: "Trusts two issuers but pools their keys: a token's kid is looked up among every trusted issuer's keys, so a token naming issuer A verifies with issuer B's key (and B's tenant admin can mint tokens for A).",
  basedOn:
    'Multi-issuer validators fed one merged key set (jwks-rsa with several jwksUri merged, Spring Security JwtIssuerAuthenticationManagerResolver misconfigured with one shared JwtDecoder); RFC 9700 §4.15 (mix-up), RFC 8725 §3.8.',
  catches: ['issuer-key-binding'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
