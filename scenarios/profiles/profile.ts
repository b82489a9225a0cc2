/**
 * A profile says what "expected" means for a given API: per answer class, then refined per category
 * and per scenario id: the status (number, list, or class like "4xx"), the challenge error code, a
 * message (template with %s, or regex) and the audit code.
 */
import type { Scenario } from '../define.ts';
import type { Category } from '../../harness/core/category.ts';
import type { AnswerClass } from '../../harness/core/answer.ts';
import type { ScenarioId } from '../ids.ts';

import type { Expectation } from '../../harness/core/expectation.ts';
import type { StatusRule } from '../../harness/core/status.ts';

// The rule types live in harness/core (the judge reads them too); profile authors import them from here.
export type { StatusRule } from '../../harness/core/status.ts';
export type { ChallengeRule, Expectation, MessageRule } from '../../harness/core/expectation.ts';

export interface Profile {
  name: string;
  description: string;
  classes: Record<AnswerClass, Expectation>;
  byCategory?: Partial<Record<Category, Partial<Expectation>>>;
  byScenario?: Partial<Record<ScenarioId, Partial<Expectation>>>;
  /** Expect each scenario's own `auditCodes` (the login audit trail vocabulary) unless byScenario says otherwise. */
  useScenarioAuditCodes?: boolean;
  /** Replace scenario audit codes with the API's own names: `{ TokenExpired: 'E_EXPIRED' }`. */
  auditCodeMap?: Record<string, string | string[]>;
}

/** The concrete expectation for one scenario answer class under a profile. */
export function resolveExpectation(profile: Profile, scenario: Scenario, answer: AnswerClass): Expectation {
  let exp: Expectation = { ...profile.classes[answer] };
  if (answer === 'REJECT' && scenario.statuses?.length) exp.status = [...scenario.statuses];
  // Refinements describe how an API rejects; a positive control (OK) keeps its meaning.
  if (answer !== 'OK') {
    if (scenario.challenge && exp.challenge) exp.challenge = { ...exp.challenge, ...scenario.challenge };
    if (profile.useScenarioAuditCodes && scenario.auditCodes?.length) {
      exp.auditCode = mapCodes(profile, [...scenario.auditCodes]);
    }
    exp = { ...exp, ...profile.byCategory?.[scenario.category], ...profile.byScenario?.[scenario.id] };
  }
  return exp;
}

function mapCodes(profile: Profile, codes: string[]): string[] {
  const map = profile.auditCodeMap;
  if (!map) return codes;
  return codes.flatMap((c) => map[c] ?? c);
}

export function statusMatches(status: number, rules: readonly StatusRule[]): boolean {
  if (rules.length === 0) return status < 200 || status > 299;
  return rules.some((r) => (typeof r === 'number' ? r === status : Math.floor(status / 100) === Number(r[0])));
}

export function describeStatus(rules: readonly StatusRule[]): string {
  return rules.length ? rules.join(' or ') : 'a non-2xx status';
}
