/**
 * What the step-up scenarios share: they apply only to an endpoint that declares the acr values it
 * accepts or a maximum authentication age, whose baseline carries a satisfying `acr` and a fresh
 * `auth_time`; a correct API answers a token that falls short with 401
 * `error="insufficient_user_authentication"` naming what would do (`acr_values`, `max_age`).
 * @see RFC 9470 §3, §6.1, RFC 9068 §2.2.1
 */
import type { Endpoint, Finding, Observation } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export const STEP_UP_REFS = [rfc(9470, '3'), rfc(9470, '6.1'), rfc(9068, '2.2.1')] as const;

export const INSUFFICIENT_USER_AUTHENTICATION = 'insufficient_user_authentication';

/** Skip reason on an endpoint that requires no acr. */
export function noAcr(endpoint: Endpoint): string | undefined {
  return endpoint.acr?.length
    ? undefined
    : 'not applicable: the endpoint requires no acr (give it "acr" in the config when it requires a level of user authentication, RFC 9470)';
}

/** Skip reason on an endpoint that declares no maximum authentication age. */
export function noMaxAge(endpoint: Endpoint): string | undefined {
  return endpoint.maxAge !== undefined
    ? undefined
    : 'not applicable: the endpoint declares no maximum authentication age (give it "maxAge" in the config when it requires a recent login, RFC 9470)';
}

/** The step-up challenge of a 401, if it has one. */
function stepUpParams(obs: Observation): Record<string, string> | undefined {
  if (obs.status !== 401) return undefined;
  return obs.challenges.find((c) => c.params.error === INSUFFICIENT_USER_AUTHENTICATION)?.params;
}

/** acr_values, when the step-up challenge has them, must name at least one acr value the endpoint accepts (RFC 9470 §3). */
export function checkAcrValues(endpoint: Endpoint, obs: Observation): Finding[] {
  const given = stepUpParams(obs)?.acr_values;
  if (given === undefined) return [];
  const listed = given.split(' ').filter(Boolean);
  if (listed.some((v) => endpoint.acr?.includes(v))) return [];
  return [
    {
      check: 'challenge',
      severity: 'minor',
      message: `acr_values="${given}" names no acr value the endpoint is declared to accept (${(endpoint.acr ?? []).join(', ')}): a client that steps up as asked is refused again (RFC 9470 §3)`,
    },
  ];
}

/** max_age, when the step-up challenge has it, must not exceed the endpoint's (a token that old is refused again). */
export function checkMaxAge(endpoint: Endpoint, obs: Observation): Finding[] {
  const given = stepUpParams(obs)?.max_age;
  if (given === undefined || !/^\d+$/.test(given) || endpoint.maxAge === undefined || Number(given) <= endpoint.maxAge) return [];
  return [
    {
      check: 'challenge',
      severity: 'minor',
      message: `max_age=${given} is longer than the endpoint's declared maximum authentication age, ${endpoint.maxAge} s: a client that authenticates within it may be refused again (RFC 9470 §3)`,
    },
  ];
}
