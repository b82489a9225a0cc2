/**
 * A Finding: one way the answer differs from the expectation, as one human sentence.
 * `critical` the API accepted a token it must reject; `major` it rejected with the wrong status class
 * (or refused a valid token); `minor` right status, wrong challenge, message or audit code.
 */
export type Severity = 'critical' | 'major' | 'minor';

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 3, major: 2, minor: 1 };

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
}

export function worst(findings: readonly Finding[]): Severity | undefined {
  let out: Severity | undefined;
  for (const f of findings) if (!out || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[out]) out = f.severity;
  return out;
}
