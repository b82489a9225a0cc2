import { referenceSteps } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'auth-time-from-iat',
  flaw: 'Measures the authentication age from iat (when the token was issued) instead of auth_time (when the user logged in), so a token refreshed a minute ago passes the maximum age however old the login.',
  basedOn:
    'The "token must be recent" check written as now - iat <= maxAge (token freshness taken for login freshness; a refresh grant keeps auth_time and renews iat); RFC 9470 §6.1, RFC 9068 §2.2.1, OpenID Connect Core §2 auth_time.',
  catches: ['auth-time-stale'],
  severity: 'critical',
  introspects: true,
  stepUp: true,
  options: {
    steps: { checkStepUp: (ctx) => referenceSteps.checkStepUp({ ...ctx, claims: { ...ctx.claims, auth_time: ctx.claims?.iat } }) },
  },
});
