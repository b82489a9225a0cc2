import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** The audience is compared only when the token names one. */
const checkAudience: Step = (ctx) => (ctx.claims?.aud === undefined ? undefined : referenceSteps.checkAudience(ctx));

export default defineFlawedTarget({
  name: 'aud-not-required',
  flaw: 'Compares aud with the API identifier only when the token has one, so a token without aud, meant for no API in particular, is taken as meant for this one.',
  basedOn:
    "fast-jwt 6.3 `allowedAud` (what @fastify/jwt's `verify.allowedAud` sets): src/verifier.js skips every claim validator whose claim is absent unless it is in `requiredClaims`, which is unset by default; RFC 9068 §2.2, RFC 8725 §3.9.",
  catches: ['aud-missing'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkAudience } },
});
