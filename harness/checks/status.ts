/**
 * The status check: the one that finds security holes. A 2xx for a token that must be rejected is
 * critical; the wrong rejection status (500, 403 for an invalid token) is major; refusing a valid
 * token is major too (it breaks clients, it does not open a hole).
 */
import { type Expectation } from '../core/expectation.ts';
import { describeStatus, isAccepted, statusMatches } from '../core/status.ts';
import type { Observation } from '../core/observation.ts';
import type { IfAccepted } from '../core/if-accepted.ts';
import type { Finding } from '../core/finding.ts';

/** A must-reject request got a 2xx: critical unless the scenario says what else it means (a valid token through a forbidden channel). */
export function checkStatus(obs: Observation, exp: Expectation, what: string, ifAccepted?: IfAccepted): Finding | undefined {
  if (exp.accept) {
    return isAccepted(obs.status)
      ? undefined
      : { check: 'status', severity: 'major', message: `expected ${what} to be accepted (2xx), got ${obs.status}` };
  }
  if (isAccepted(obs.status)) {
    return {
      check: 'status',
      severity: ifAccepted?.severity ?? 'critical',
      message: `accepted ${ifAccepted?.means ?? 'a token it must reject'}: expected ${describeStatus(exp.status)}${errorSuffix(exp)}, got ${obs.status}`,
    };
  }
  if (!statusMatches(obs.status, exp.status)) {
    return {
      check: 'status',
      severity: 'major',
      message: `expected ${describeStatus(exp.status)}${errorSuffix(exp)}, got ${obs.status}`,
    };
  }
  return undefined;
}

function errorSuffix(exp: Expectation): string {
  return exp.challenge?.error ? ` ${exp.challenge.error}` : '';
}
