import { referenceSteps } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'acr-first-value-only',
  flaw: "Takes the endpoint's list of acceptable acr values but compares the token's acr with the first one only, so a user who logged in with another accepted method (a hardware key) is refused.",
  basedOn:
    "express-oauth2-jwt-bearer claimEquals('acr', value) and similar single-value claim checks put where the policy lists alternatives; RFC 9470 §3 (acr_values lists alternatives, in order of preference).",
  catches: ['step-up-satisfied'],
  severity: 'major',
  introspects: true,
  stepUp: true,
  options: {
    steps: {
      checkStepUp: (ctx) =>
        referenceSteps.checkStepUp({
          ...ctx,
          endpoint: { ...ctx.endpoint, ...(ctx.endpoint.acr ? { acr: ctx.endpoint.acr.slice(0, 1) } : {}) },
        }),
    },
  },
});
