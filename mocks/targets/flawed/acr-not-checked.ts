import { referenceSteps } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'acr-not-checked',
  flaw: "Enforces the step-up endpoint's maximum authentication age but never reads acr: the level it requires is written in the route's documentation, not checked, so a password-only login reaches /admin.",
  basedOn:
    'Step-up guides whose middleware checks only auth_time (a "recent login" rule) or only a scope, with the acr requirement left to the authorization server; OWASP API5:2023; RFC 9470 §3, §6.1.',
  catches: ['acr-insufficient'],
  severity: 'critical',
  introspects: true,
  stepUp: true,
  options: { steps: { checkStepUp: (ctx) => referenceSteps.checkStepUp({ ...ctx, endpoint: { ...ctx.endpoint, acr: undefined } }) } },
});
