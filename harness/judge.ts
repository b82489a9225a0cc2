/**
 * The judge: run every check of an observation against the expectation(s) and give a verdict. When a
 * scenario allows several answers (e.g. invalid_token or invalid_request), the closest one is judged.
 */
import type { IfAccepted } from './core/if-accepted.ts';
import type { Expectation } from './core/expectation.ts';
import { checkAuditCode } from './checks/audit-code.ts';
import { checkChallenge } from './checks/challenge.ts';
import { SEVERITY_ORDER, worst, type Finding, type Severity } from './core/finding.ts';
import { checkLeak } from './checks/leak.ts';
import { checkMessage } from './checks/message.ts';
import { checkStatus } from './checks/status.ts';
import type { Observation } from './core/observation.ts';

export type VerdictKind = 'pass' | 'fail' | 'skip' | 'error';

export interface Judgement {
  verdict: VerdictKind;
  severity?: Severity;
  findings: Finding[];
  /** The expectation the verdict was judged against. */
  expectation: Expectation;
  /** How a pass was reached when that is worth saying (a refusal by closing the connection). */
  notes?: string[];
}

export function judge(
  obs: Observation,
  expectations: readonly Expectation[],
  opts: { credential?: string; what?: string; extra?: Finding[]; ifAccepted?: IfAccepted } = {},
): Judgement {
  const candidates = expectations.map((exp) => {
    const status = checkStatus(obs, exp, opts.what ?? 'the token', opts.ifAccepted);
    const findings: Finding[] = status
      ? [status]
      : [...checkChallenge(obs, exp), checkMessage(obs, exp), checkAuditCode(obs, exp)].filter((f): f is Finding => !!f);
    return { exp, findings };
  });
  candidates.sort((a, b) => score(a.findings) - score(b.findings));
  const best = candidates[0]!;
  const findings = [...best.findings];
  const leak = checkLeak(obs, opts.credential);
  if (leak) findings.push(leak);
  findings.push(...(opts.extra ?? []));
  const severity = worst(findings);
  return { verdict: findings.length ? 'fail' : 'pass', severity, findings, expectation: best.exp };
}

function score(findings: Finding[]): number {
  return findings.reduce((sum, f) => sum + 10 ** SEVERITY_ORDER[f.severity], 0);
}
