import { defineScenario } from '../define.ts';
import { INSUFFICIENT_USER_AUTHENTICATION, STEP_UP_REFS, checkAcrValues, noAcr } from './step-up.ts';

/** An acr value none of the endpoint's: OpenID Connect's "0" (below ISO/IEC 29115 level 1), else one of ours. */
function lowerAcr(accepted: readonly string[]): string {
  return ['0', 'gauntlet-acr-low', 'gauntlet-acr-none'].find((v) => !accepted.includes(v))!;
}

export default defineScenario({
  id: 'acr-insufficient',
  title: 'A token whose acr is not one the endpoint requires: a lower one, none, one that only contains it, a list or an array holding it',
  category: 'step-up',
  refs: [...STEP_UP_REFS],
  expect: 'IT',
  challenge: { error: INSUFFICIENT_USER_AUTHENTICATION, acrValues: true },
  auditCodes: ['AcrNotSatisfied'],
  ifAccepted: { severity: 'critical', means: 'a token whose user authentication (acr) is below what the endpoint requires' },
  resolution:
    'Compare the token\'s acr, a JSON string, exactly with the acr values the endpoint accepts and refuse any other (none included) with 401 and WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="…" (RFC 9470 §3).',
  skip: noAcr,
  async probes(ctx) {
    const accepted = ctx.endpoint.acr ?? [];
    const required = accepted[0]!;
    return [
      { label: 'a lower acr', credential: { kind: 'token', token: await ctx.forge({ claims: { acr: lowerAcr(accepted) } }) } },
      { label: 'acr missing', credential: { kind: 'token', token: await ctx.forge({ claims: { acr: undefined } }) } },
      {
        // `acr.includes(required)` and a prefix or suffix match take it.
        label: 'an acr that only contains the required one',
        credential: { kind: 'token', token: await ctx.forge({ claims: { acr: `not-${required}` } }) },
      },
      {
        // claimIncludes-style checks split a string claim on spaces, as if acr were a scope.
        label: 'a space-separated acr listing the required one',
        credential: { kind: 'token', token: await ctx.forge({ claims: { acr: `${lowerAcr(accepted)} ${required}` } }) },
        ifAccepted: { severity: 'major', means: 'a token whose acr is a space-separated list holding the required value, not that value' },
      },
      {
        label: 'acr an array holding the required value',
        credential: { kind: 'token', token: await ctx.forge({ claims: { acr: [required] } }) },
        ifAccepted: { severity: 'major', means: 'a token whose acr is not a string (an array holding the required value)' },
      },
    ];
  },
  inspect: async (ctx, obs) => checkAcrValues(ctx.endpoint, obs),
  order: 10,
});
