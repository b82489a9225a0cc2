/**
 * Is an answer of one of the expected classes? The class is what the profile says identifies it:
 * the status and, where the profile names one, the challenge's error code. Messages and audit codes
 * are the fixed catalogue's business; a property only asks which answer came back.
 */
import { describeStatus, isAccepted, type StatusRule } from '../core/status.ts';
import type { IfAccepted } from '../core/if-accepted.ts';
import type { AnswerClass } from '../core/answer.ts';
import type { Profile } from '../../scenarios/profiles/profile.ts';
import type { Expectation } from '../core/expectation.ts';
import type { Severity } from '../core/finding.ts';
import { judge } from '../judge.ts';
import { findChallenge } from '../observe/www-authenticate.ts';
import type { Observation } from '../core/observation.ts';

const NAMES: Record<AnswerClass, string> = {
  OK: 'acceptance (2xx)',
  IT: 'invalid_token',
  IR: 'invalid_request',
  IS: 'insufficient_scope',
  NC: 'a challenge without error code',
  REJECT: 'a refusal (any non-2xx)',
};

export function className(c: AnswerClass): string {
  return NAMES[c];
}

/**
 * The profile's expectation for a class, cut down to what identifies the class. REJECT is any non-2xx
 * (as everywhere) unless the oracle names the statuses it must have (a line break: a 4xx), as a
 * scenario's `statuses` does.
 */
export function classExpectation(profile: Profile, cls: AnswerClass, statuses?: readonly StatusRule[]): Expectation {
  if (cls === 'REJECT') return { status: statuses ? [...statuses] : [] };
  const e = profile.classes[cls];
  const error = e.challenge?.error;
  return {
    ...(e.accept ? { accept: true } : {}),
    status: [...e.status],
    ...(e.challenge ? { challenge: { scheme: e.challenge.scheme, ...(error !== undefined ? { error } : {}) } } : {}),
  };
}

export interface AnswerJudgement {
  pass: boolean;
  severity: Severity | null;
  failures: string[];
  /** The class the answer is, under the profile; null when it is none of them (a 500, a bare 401...). */
  observedClass: AnswerClass | null;
}

const CLASSIFY: AnswerClass[] = ['OK', 'IS', 'IR', 'IT', 'NC'];

export function classOf(obs: Observation, profile: Profile): AnswerClass | null {
  return CLASSIFY.find((c) => judge(obs, [classExpectation(profile, c)]).verdict === 'pass') ?? null;
}

/** `401 invalid_token`, `200 (accepted)`, `400 (no challenge)`. */
export function describeAnswer(obs: Observation): string {
  const error = findChallenge(obs.challenges, 'Bearer')?.params.error;
  if (isAccepted(obs.status)) return `${obs.status} (accepted)`;
  return `${obs.status}${error ? ` ${error}` : obs.status >= 400 && obs.wwwAuthenticate.length === 0 ? ' (no challenge)' : ''}`;
}

/** `ifAccepted`: what an acceptance means when it is not a forged token (consequence.ts). */
export function judgeAnswer(
  obs: Observation,
  classes: readonly AnswerClass[],
  profile: Profile,
  ifAccepted?: IfAccepted,
  statuses?: readonly StatusRule[],
): AnswerJudgement {
  const j = judge(
    obs,
    classes.map((c) => classExpectation(profile, c, statuses)),
    { ifAccepted },
  );
  const observedClass = classOf(obs, profile);
  if (j.verdict === 'pass') return { pass: true, severity: null, failures: [], observedClass };
  return {
    pass: false,
    severity: j.severity ?? 'minor',
    failures: [
      `expected ${classes.map((c) => (c === 'REJECT' && statuses?.length ? `a refusal (${describeStatus(statuses)})` : className(c))).join(' or ')}, got ${describeAnswer(obs)}`,
    ],
    observedClass,
  };
}
