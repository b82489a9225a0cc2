/** Small text helpers shared by the writers. Escaping itself is always the format library's job. */
import { SEVERITY_ORDER, type Severity } from '../harness/core/finding.ts';
import { propertyFailures, type PropertyFailure, type Report, type ResultRow } from '../harness/report.ts';

/**
 * Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), each
 * replaced by U+FFFD so a CI parser never chokes and the reader still sees that something was there.
 */
const XML_INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(s: string): string {
  return s.replace(XML_INVALID, '\uFFFD');
}

/** Control characters other than tab and line breaks, shown as U+FFFD in human-facing formats. */
export function visibleControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** "401 or 4xx", "a 2xx status", "any non-2xx status". */
export function expectedStatus(status: ResultRow['expected']['status']): string {
  if (status === '2xx') return 'a 2xx status';
  return status.length ? status.join(' or ') : 'any non-2xx status';
}

/** Failures first (critical → minor), then errors, then passes, then skips; stable otherwise. */
export function byImportance(rows: readonly ResultRow[]): ResultRow[] {
  const rank = (r: ResultRow): number =>
    r.verdict === 'fail' ? 10 - SEVERITY_ORDER[r.severity ?? 'minor'] : r.verdict === 'error' ? 20 : r.verdict === 'pass' ? 30 : 40;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor'];

/** Failed property results with no severity of their own (the summary counts the others by severity). */
export function failedProperties(report: Report): number {
  return report.properties.filter((p) => p.verdict === 'fail' && propertyFailures(p).length === 0).length;
}

const ANSWERS: Record<string, string> = {
  OK: 'accepted',
  IT: 'invalid_token',
  IS: 'insufficient_scope',
  IR: 'invalid_request',
  NC: 'challenge without error code',
};

/** What sets one distinct property failure apart: "critical: accepted; rules C3, H4". */
export function failureClassText(f: PropertyFailure): string {
  return `${f.severity}: ${ANSWERS[f.answer] ?? f.answer}; ${f.rules.length ? `rule${f.rules.length === 1 ? '' : 's'} ${f.rules.join(', ')}` : 'a valid token'}`;
}

/** "critical 1, major 2" for the non-zero severities of failed rows, or "" when none. */
export function severityPhrase(report: Report): string {
  const parts = SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0).map((s) => `${report.summary.bySeverity[s]} ${s}`);
  const props = failedProperties(report);
  if (props) parts.push(`${props} propert${props === 1 ? 'y' : 'ies'}`);
  return parts.join(', ');
}

/** Compliance by standard: rows that cite it (a ref's `spec`), and rows checking login-audit-trail codes. */
const cites = (spec: string) => (r: ResultRow) => r.refs.some((ref) => ref.spec === spec);
export const STANDARDS: readonly { id: string; label: string; match: (r: ResultRow) => boolean }[] = [
  { id: 'rfc6750', label: 'RFC 6750 (Bearer token usage)', match: cites('RFC 6750') },
  { id: 'rfc9068', label: 'RFC 9068 (JWT access tokens)', match: cites('RFC 9068') },
  { id: 'rfc8725', label: 'RFC 8725 (JWT best practices)', match: cites('RFC 8725') },
  { id: 'rfc7519', label: 'RFC 7519 (JWT)', match: cites('RFC 7519') },
  { id: 'rfc9449', label: 'RFC 9449 (DPoP)', match: cites('RFC 9449') },
  { id: 'rfc8705', label: 'RFC 8705 (mTLS certificate-bound tokens)', match: cites('RFC 8705') },
  { id: 'rfc9728', label: 'RFC 9728 (protected resource metadata)', match: cites('RFC 9728') },
  { id: 'rfc9470', label: 'RFC 9470 (step-up authentication)', match: cites('RFC 9470') },
  {
    id: 'rfc7662',
    label: 'RFC 7662 (token introspection, with RFC 9701 JWT answers)',
    match: (r) => cites('RFC 7662')(r) || cites('RFC 9701')(r),
  },
  { id: 'audit', label: 'Audit codes (login audit trail)', match: (r) => r.expected.auditCode !== null },
];

export interface Compliance {
  id: string;
  label: string;
  passed: number;
  /** Judged rows: pass, fail or error (skips are not counted). */
  total: number;
  skipped: number;
}

export function complianceByStandard(report: Report): Compliance[] {
  return STANDARDS.map(({ id, label, match }) => {
    const rows = report.results.filter(match);
    return {
      id,
      label,
      passed: rows.filter((r) => r.verdict === 'pass').length,
      total: rows.filter((r) => r.verdict !== 'skip').length,
      skipped: rows.filter((r) => r.verdict === 'skip').length,
    };
  });
}

/** Headline numbers: "checks" are result rows plus property results, like the summary; `ok` is the gate's verdict when one was recorded. */
export function headline(report: Report): { failed: number; total: number; ok: boolean } {
  const s = report.summary;
  const ok = report.gate ? report.gate.passed : s.failed === 0 && s.errored === 0;
  return { failed: s.failed + s.errored, total: s.total, ok: ok && !report.partial };
}

/** A row's status in every format: its verdict, or `expected` for a failure the expected-failures file lists. */
export type RowStatus = 'pass' | 'fail' | 'skip' | 'error' | 'expected';
export function rowStatus(r: { verdict: string; expectedFailure?: unknown }): RowStatus {
  return r.verdict === 'fail' && r.expectedFailure ? 'expected' : (r.verdict as RowStatus);
}

/** A counterexample as compact JSON, whatever it is. */
export function compactJson(v: unknown, space?: number): string {
  try {
    return JSON.stringify(v ?? null, null, space) ?? String(v);
  } catch {
    return String(v);
  }
}
