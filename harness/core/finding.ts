/**
 * A Finding: one way the answer differs from the expectation, as one human sentence.
 * `critical` the API accepted a token it must reject; `major` it rejected with the wrong status class
 * (or refused a valid token); `minor` right status, wrong challenge, message or audit code.
 */
export type Severity = 'critical' | 'major' | 'minor';

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 3, major: 2, minor: 1 };

/**
 * Every check a finding can come from: the judge's five (harness/checks/), the connection-level ones
 * (no HTTP answer, no answer in time) and the ones scenarios' `inspect` adds.
 */
export const CHECK_IDS = [
  'status',
  'challenge',
  'message',
  'audit-code',
  'leak',
  'connection',
  'timeout',
  'duration',
  'lifetime',
  'kid-injection',
  'kid-present',
  'outbound-fetch',
  'certificate-validity',
  'metadata',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Finding {
  check: CheckId;
  severity: Severity;
  message: string;
}

export function worst(findings: readonly Finding[]): Severity | undefined {
  let out: Severity | undefined;
  for (const f of findings) if (!out || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[out]) out = f.severity;
  return out;
}
