import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'step-up-bare-challenge',
  flaw: 'Answers a step-up shortfall with 401 insufficient_user_authentication but names neither acr_values nor max_age, so the client cannot tell the authorization server what login would do.',
  basedOn:
    "Challenge writers that know only RFC 6750's error, error_description and scope parameters and carry the new error code over; RFC 9470 §3.",
  catches: ['acr-insufficient', 'auth-time-stale'],
  severity: 'minor',
  introspects: true,
  stepUp: true,
  answer: (answer) => {
    const www = answer.headers['www-authenticate'];
    return www
      ? {
          ...answer,
          headers: { ...answer.headers, 'www-authenticate': www.replace(/, acr_values="[^"]*"/, '').replace(/, max_age=\d+/, '') },
        }
      : answer;
  },
});
