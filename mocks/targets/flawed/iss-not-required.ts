import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** The issuer is compared only when the token names one. */
const checkIssuer: Step = (ctx) => (ctx.claims?.iss === undefined ? undefined : referenceSteps.checkIssuer(ctx));

export default defineFlawedTarget({
  name: 'iss-not-required',
  flaw: 'Compares iss with the trusted issuer only when the token has one, so a token without iss passes the issuer check.',
  basedOn:
    "fast-jwt 6.3 `allowedIss` (what @fastify/jwt's `verify.allowedIss` sets): src/verifier.js skips every claim validator whose claim is absent unless it is in `requiredClaims`, which is unset by default; RFC 9068 §2.2, RFC 8725 §3.8.",
  catches: ['iss-missing'],
  severity: 'critical',
  // The IdP calls a token without its iss not its own (inactive), which would hide the flaw: local validation only.
  options: { steps: { checkIssuer } },
});
