import { defineScenario } from '../define.ts';
import { INSUFFICIENT_USER_AUTHENTICATION, STEP_UP_REFS, checkMaxAge, noMaxAge } from './step-up.ts';

export default defineScenario({
  id: 'auth-time-stale',
  title: "A fresh token whose auth_time is older than the endpoint's maximum authentication age, missing, or not a number",
  category: 'step-up',
  refs: [...STEP_UP_REFS],
  expect: 'IT',
  challenge: { error: INSUFFICIENT_USER_AUTHENTICATION, maxAge: true },
  auditCodes: ['AuthTimeTooOld'],
  ifAccepted: { severity: 'critical', means: 'a token whose user authenticated longer ago than the endpoint allows (auth_time)' },
  resolution:
    'Require auth_time, a NumericDate, on an endpoint with a maximum authentication age, refuse a token whose now - auth_time exceeds it (however fresh its iat) with 401 and WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=<seconds> (RFC 9470 §3).',
  skip: noMaxAge,
  async probes(ctx) {
    const maxAge = ctx.endpoint.maxAge!;
    const { now, leeway } = ctx.fault;
    // Past the maximum age by more than any clock skew the API may allow; the token itself was just issued (a refresh keeps auth_time).
    const stale = now - maxAge - leeway - 60;
    return [
      { label: 'auth_time older than max_age', credential: { kind: 'token', token: await ctx.forge({ claims: { auth_time: stale } }) } },
      { label: 'auth_time missing', credential: { kind: 'token', token: await ctx.forge({ claims: { auth_time: undefined } }) } },
      {
        label: 'auth_time a string',
        credential: { kind: 'token', token: await ctx.forge({ claims: { auth_time: String(now) } }) },
        ifAccepted: { severity: 'major', means: 'a token whose auth_time is not a NumericDate (a string of digits)' },
      },
    ];
  },
  inspect: async (ctx, obs) => checkMaxAge(ctx.endpoint, obs),
  order: 20,
});
