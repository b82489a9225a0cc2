/**
 * The status check: the one that finds security holes. A 2xx for a token that must be rejected is
 * critical; the wrong rejection status (500, 403 for an invalid token) is major; refusing a valid
 * token is major too (it breaks clients, it does not open a hole).
 */
import { describeStatus, statusMatches, type Expectation } from '../../scenarios/profiles/profile.ts';
import type { Observation } from '../observe/observation.ts';
import type { Finding } from './finding.ts';

const isOk = (s: number): boolean => s >= 200 && s <= 299;

export function checkStatus(obs: Observation, exp: Expectation, what: string): Finding | undefined {
  if (exp.accept) {
    return isOk(obs.status)
      ? undefined
      : { check: 'status', severity: 'major', message: `expected ${what} to be accepted (2xx), got ${obs.status}` };
  }
  if (isOk(obs.status)) {
    return {
      check: 'status',
      severity: 'critical',
      message: `accepted a token it must reject: expected ${describeStatus(exp.status)}${errorSuffix(exp)}, got ${obs.status}`,
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
