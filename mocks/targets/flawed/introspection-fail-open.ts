import { IdpUnavailable } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** An IdP that cannot answer is taken as a yes, so that its outage does not take the API down with it. */
const checkRevocation: Step = async (ctx) => {
  try {
    return await referenceSteps.checkRevocation(ctx);
  } catch (err) {
    if (err instanceof IdpUnavailable) return undefined;
    throw err;
  }
};

export default defineFlawedTarget({
  name: 'introspection-fail-open',
  flaw: 'Serves the request when introspection fails, times out or answers garbage (fail open), instead of refusing it.',
  basedOn: 'CWE-636 (not failing securely): "do not let an IdP outage take us down" fallbacks around RFC 7662 introspection calls.',
  catches: ['introspection-down', 'introspection-garbage'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkRevocation } },
});
