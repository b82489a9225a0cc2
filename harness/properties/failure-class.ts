/**
 * What makes two failures of one property the same failure, or distinct ones.
 *
 * A failure's class is three things:
 *   severity  by consequence (critical: a must-reject token accepted; major; minor);
 *   answer    what came back, as the profile names it: an answer class (OK, IT, IS, IR, NC), else the
 *             status family (`4xx`, `5xx`), or `no answer`;
 *   rules     the oracle rules the case breaks that decide its answer (the definite violations, e.g. C2
 *             for an audience, C3 for exp), sorted; none for a valid token.
 * So "a token without aud accepted" (critical, OK, C2) and "a nested aud answered 500" (major, 5xx, C2)
 * are two failures, as are "an expired token accepted" (critical, OK, C3) and "a token for another
 * audience accepted" (critical, OK, C2); two expired tokens accepted at different offsets are one.
 * Tolerated rules (a jti missing, a float exp) never decide an answer and are left out.
 */
import { SEVERITY_ORDER, type Severity } from '../core/finding.ts';
import type { CaseOutcome } from './exercise.ts';

export interface FailureClass {
  severity: Severity;
  answer: string;
  rules: string[];
}

export function answerOf(outcome: Pick<CaseOutcome, 'observed' | 'observedClass'>): string {
  if (outcome.observedClass) return outcome.observedClass;
  if (!outcome.observed) return 'no answer';
  return `${Math.floor(outcome.observed.status / 100)}xx`;
}

/** The class of a failed case; null when the case passed. */
export function failureClass(
  outcome: Pick<CaseOutcome, 'pass' | 'severity' | 'observed' | 'observedClass' | 'rules'>,
): FailureClass | null {
  if (outcome.pass) return null;
  return { severity: outcome.severity ?? 'minor', answer: answerOf(outcome), rules: [...new Set(outcome.rules)].sort() };
}

/** Equal keys: the same failure. */
export function classKey(c: FailureClass): string {
  return `${c.severity} ${c.answer} ${c.rules.join('+') || '-'}`;
}

/** Worse first; equal severities keep their order (Array.prototype.sort is stable). */
export function worseFirst(a: { severity: Severity }, b: { severity: Severity }): number {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity];
}
