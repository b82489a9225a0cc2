import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** iat is checked (a NumericDate, not in the future) only when the token has one. */
const checkIssuedAt: Step = (ctx) => (ctx.claims?.iat === undefined ? undefined : referenceSteps.checkIssuedAt(ctx));

export default defineFlawedTarget({
  name: 'iat-not-required',
  flaw: 'Checks iat only when the token has one, so a token without iat is accepted (and its lifetime goes unmeasured); a future iat is still refused.',
  basedOn:
    "express-oauth2-jwt-bearer 1.10.0's default validator `iat: (iat) => (iat === undefined && !strict) || typeof iat === 'number'` without `maxTokenAge`; jsonwebtoken 9 requires iat only with `maxAge`; RFC 9068 §2.2.",
  catches: ['iat-missing'],
  // Accepting it is a conformance breach, not a forged token let in (the scenario's ifAccepted).
  severity: 'major',
  introspects: true,
  options: { steps: { checkIssuedAt } },
});
