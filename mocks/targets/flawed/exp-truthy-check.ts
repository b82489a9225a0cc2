import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** exp must be a number, but the expiry comparison is guarded by a truthy test: exp 0 is never expired. */
const checkExpiry: Step = (ctx) => {
  const exp = ctx.claims?.exp;
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return invalidToken('TokenRejected');
  if (exp && exp <= ctx.now - ctx.options.leeway) return invalidToken('TokenExpired');
};

export default defineFlawedTarget({
  name: 'exp-truthy-check',
  flaw: 'Guards the expiry comparison with a truthy test (`if (exp && exp <= now)`), so a token with exp 0 (1970) never expires.',
  basedOn: 'The `payload.exp && payload.exp < now` idiom of hand-written JavaScript validators; RFC 7519 §4.1.4.',
  catches: ['exp-range'],
  severity: 'critical',
  options: { steps: { checkExpiry } },
});
