/**
 * Probes around a time boundary (exp, nbf, iat) for the leeway the API declares, or for the ceiling
 * when it declares none (harness/policy/declared.ts):
 *   declared L  → MARGIN s beyond L must be refused, MARGIN s inside L must be accepted (exactly L, no
 *                 less, no more); for exp also "exp = now" while L leaves room for it;
 *   undeclared  → only MARGIN s beyond LEEWAY_CEILING must be refused: an API may be stricter than any
 *                 default, so nothing inside is demanded.
 * Leeway stands for the skew between IdP and API clocks: an introspecting API must not hear "inactive"
 * for a token its own leeway still accepts, so the IdP tolerates the same skew for these tokens (by jti,
 * not for every token: other scenarios run meanwhile).
 */
import type { ScenarioContext, ProbeSpec } from '../define.ts';

/** Distance from the boundary either way: the seconds between minting and checking cannot flip a verdict. */
export const MARGIN = 5;

export type TimeClaim = 'exp' | 'nbf' | 'iat';

/** The claims for a token `d` seconds past now in the claim's direction (exp: ago; nbf, iat: ahead). */
function claimsAt(claim: TimeClaim, d: number, now: number, lifetime: number): Record<string, number> {
  switch (claim) {
    case 'exp':
      // iat moves with exp so the lifetime stays the baseline's and only exp is at issue.
      return { exp: now - d, iat: now - d - lifetime };
    case 'iat':
      return { iat: now + d, exp: now + d + lifetime };
    case 'nbf':
      // exp stays the baseline's while nbf comes before it; past it, exp moves so the token would be valid for a lifetime.
      return { nbf: now + d, ...(d >= lifetime ? { exp: now + d + lifetime } : {}) };
  }
}

function distance(claim: TimeClaim, d: number): string {
  return claim === 'exp' ? `exp ${d} s ago` : `${claim} ${d} s ahead`;
}

export async function boundaryProbes(ctx: ScenarioContext, claim: TimeClaim): Promise<ProbeSpec[]> {
  const { now, lifetime } = ctx.fault;
  const declared = ctx.config.policy.leeway;
  const at = async (label: string, d: number, expect?: 'OK'): Promise<ProbeSpec> => {
    const token = await ctx.forge({ claims: claimsAt(claim, d, now, lifetime) });
    ctx.idp.state.faultToken(String(token.claims.jti), { leeway: ctx.config.policy.leewayBound });
    return { label, credential: { kind: 'token', token }, ...(expect ? { expect } : {}) };
  };
  if (declared === undefined) {
    const ceiling = ctx.config.policy.leewayBound;
    return [
      await at(`${distance(claim, ceiling + MARGIN)}: ${MARGIN} s beyond the ${ceiling} s ceiling (no leeway declared)`, ceiling + MARGIN),
    ];
  }
  const specs = [at(`${distance(claim, declared + MARGIN)}: ${MARGIN} s beyond the ${declared} s leeway`, declared + MARGIN)];
  // With a leeway too small to keep MARGIN from both now and the boundary there is no "inside" to test.
  if (declared >= MARGIN)
    specs.push(at(`${distance(claim, declared - MARGIN)}: ${MARGIN} s inside the ${declared} s leeway`, declared - MARGIN, 'OK'));
  if (claim === 'exp' && declared >= 2 * MARGIN) specs.push(at(`exp exactly now, inside the ${declared} s leeway`, 0, 'OK'));
  return Promise.all(specs);
}
