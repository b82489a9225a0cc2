import { defineFlawedTarget } from './define.ts';

const STEP_UP_CODES = new Set(['AcrNotSatisfied', 'AuthTimeTooOld']);

export default defineFlawedTarget({
  name: 'step-up-forbidden',
  flaw: 'Refuses a token whose login is too weak or too old with 403 insufficient_scope, an authorization failure, so the client never learns that authenticating again would help.',
  basedOn:
    'Authorization policies on the acr claim (ASP.NET Core RequireClaim("acr", …), Spring Security hasAuthority over acr) whose failure is 403 Forbidden; RFC 9470 §3 asks for 401 insufficient_user_authentication.',
  catches: ['acr-insufficient', 'auth-time-stale'],
  severity: 'major',
  introspects: true,
  stepUp: true,
  answer: (answer) =>
    answer.code !== null && STEP_UP_CODES.has(answer.code)
      ? {
          ...answer,
          status: 403,
          headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="access denied"' },
          body: { ...answer.body, error: 'insufficient_scope' },
        }
      : answer,
});
