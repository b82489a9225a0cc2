import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const isDate = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** nbf and iat are compared only when they are numbers; anything else is passed over as if absent. */
const checkNotBefore: Step = (ctx) => {
  const nbf = ctx.claims?.nbf;
  if (isDate(nbf) && nbf > ctx.now + ctx.options.leeway) return invalidToken('TokenNotAcceptable');
};
const checkIssuedAt: Step = (ctx) => {
  const iat = ctx.claims?.iat;
  if (iat === undefined) return invalidToken('TokenRejected');
  if (isDate(iat) && iat > ctx.now + ctx.options.leeway) return invalidToken('TokenNotAcceptable');
};

export default defineFlawedTarget({
  name: 'dates-checked-when-numbers',
  flaw: 'Compares nbf and iat only when they are numbers (`if (typeof nbf === "number" && nbf > now)`), so a not-yet-valid token whose nbf is a string, an array or an object passes, and so does an iat of any other type.',
  basedOn:
    'The typeof guard of many hand-written and small-library validators (jsonwebtoken refuses with "invalid nbf value"; others skip); RFC 7519 §4.1.5, §4.1.6.',
  catches: ['date-types'],
  severity: 'critical',
  options: { steps: { checkNotBefore, checkIssuedAt } },
});
