import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** What the token's iss publishes as its keys, found through its discovery document; empty when anything fails. */
async function discoveredKeys(iss: string, timeoutMs: number): Promise<JWK[]> {
  const get = async (url: string): Promise<unknown> => (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).json();
  try {
    const meta = (await get(`${iss}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
    if (typeof meta.jwks_uri !== 'string') return [];
    const { keys } = (await get(meta.jwks_uri)) as { keys?: unknown };
    return Array.isArray(keys) ? (keys as JWK[]) : [];
  } catch {
    return [];
  }
}

/**
 * Any issuer on the IdP's own host is taken for a tenant: its keys are discovered from the token's iss
 * (`${iss}/.well-known/openid-configuration`, then its jwks_uri) before iss is checked.
 */
const resolveKey: Step = async (ctx) => {
  const iss = ctx.claims?.iss;
  let sameHost: boolean;
  try {
    sameHost = typeof iss === 'string' && iss !== ctx.options.issuer && new URL(iss).origin === new URL(ctx.options.issuer).origin;
  } catch {
    sameHost = false;
  }
  if (!sameHost) return referenceSteps.resolveKey(ctx);
  const found = await discoveredKeys(String(iss), ctx.options.idpTimeoutMs);
  return runWith(referenceSteps.resolveKey, ctx, {
    jwks: {
      lookup: async (kid) => {
        const named = found.filter((k) => k.kid === kid);
        return named.length ? named : ctx.jwks.lookup(kid);
      },
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    },
  });
};

export default defineFlawedTarget({
  name: 'discovery-from-iss',
  flaw: "Treats any issuer URL on its IdP's host as a tenant and fetches that issuer's discovery document and JWKS from the token's own iss before checking iss (server-side request forgery driven by the token).",
  basedOn:
    "Multi-tenant 'issuer discovery' middleware (per-token OIDC discovery from iss, e.g. Azure AD multi-tenant samples validating `login.microsoftonline.com/{tenant}`); RFC 9700 §4.15, CWE-918.",
  catches: ['issuer-discovery'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
