/**
 * What makes a run fail in CI: an unexpected failure at or above --fail-on, an errored check, or a
 * stale expected-failures entry (one that names a failure which now passes). Expected failures are
 * marked on their rows (`expectedFailure`) and counted apart in the summary (`summary.expected`).
 */
import { SEVERITY_ORDER, type Severity } from '../core/finding.ts';
import { propertyFailures, summarize, type Gate, type Report } from '../report.ts';
import type { ExpectedEntry, ExpectedFailures } from './expected-failures.ts';
import { normalEndpoint } from './normal-endpoint.ts';

export const FAIL_ON = ['critical', 'major', 'minor'] as const satisfies readonly Severity[];
export const DEFAULT_FAIL_ON: Severity = 'minor';

export interface StaleEntry {
  at: string;
  scenario: string;
  endpoint: string | null;
  reason: string;
}

/** Recorded in every report (harness/report/schema.ts `gate`): the threshold, the expected-failures file and what came of it. */
export type { Gate };

/** The entry covering a scenario on an endpoint: the one naming the endpoint wins over the scenario-wide one. */
export function matcher(list: ExpectedFailures | null): (scenario: string, endpoint: string) => ExpectedEntry | undefined {
  const entries = list?.entries ?? [];
  return (scenario, endpoint) => {
    const ep = normalEndpoint(endpoint);
    return entries.find((e) => e.scenario === scenario && e.endpoint === ep) ?? entries.find((e) => e.scenario === scenario && !e.endpoint);
  };
}

const mark = (e: ExpectedEntry) => ({ at: e.at, reason: e.reason });

/** Mark the expected failures, count them apart, find stale entries, and record the gate; returns the report. */
export function applyGate(report: Report, list: ExpectedFailures | null, failOn: Severity = DEFAULT_FAIL_ON): Report {
  const match = matcher(list);
  const used = new Map<ExpectedEntry, { failing: boolean; passing: boolean }>();
  const note = (e: ExpectedEntry | undefined, verdict: string): void => {
    if (!e) return;
    const u = used.get(e) ?? { failing: false, passing: false };
    if (verdict === 'fail') u.failing = true;
    if (verdict === 'pass') u.passing = true;
    used.set(e, u);
  };
  for (const r of report.results) {
    const e = match(r.scenario, r.endpoint);
    delete r.expectedFailure;
    if (e && r.verdict === 'fail') r.expectedFailure = mark(e);
    note(e, r.verdict);
  }
  for (const p of report.properties) {
    const e = match(p.property, p.endpoint);
    delete p.expectedFailure;
    if (e && p.verdict === 'fail') p.expectedFailure = mark(e);
    note(e, p.verdict);
  }
  // Stale: it matched checks, none of which fails now and at least one passes (a skipped or unrun one proves nothing).
  const stale: StaleEntry[] = (list?.entries ?? [])
    .filter((e) => used.get(e)?.passing && !used.get(e)?.failing)
    .map((e) => ({ at: e.at, scenario: e.scenario, endpoint: e.endpoint ?? null, reason: e.reason }));

  report.summary = summarize(report.results, report.properties);
  const threshold = SEVERITY_ORDER[failOn];
  // A failure without a severity (a user property's foreign counterexample) fails the run whatever the threshold.
  const gating = (s: Severity | null | undefined): boolean => !s || SEVERITY_ORDER[s] >= threshold;
  const unexpectedRows = report.results.filter((r) => r.verdict === 'fail' && !r.expectedFailure);
  const unexpectedProps = report.properties.filter((p) => p.verdict === 'fail' && !p.expectedFailure);
  const failing =
    unexpectedRows.filter((r) => gating(r.severity)).length +
    unexpectedProps.filter((p) => gating(propertyFailures(p)[0]?.severity)).length;
  const below = unexpectedRows.length + unexpectedProps.length - failing;
  report.gate = {
    failOn,
    expectedFailures: list
      ? { file: list.file, entries: list.entries.length, matched: [...used.values()].filter((u) => u.failing).length, stale }
      : null,
    belowThreshold: below,
    passed: failing === 0 && report.summary.errored === 0 && stale.length === 0,
  };
  return report;
}

/** One line per stale entry, naming its place and the fix. */
export function staleLines(gate: Gate | undefined): string[] {
  return (gate?.expectedFailures?.stale ?? []).map(
    (s) =>
      `${s.at}: "${s.scenario}${s.endpoint ? `:${s.endpoint}` : ''}" is listed as an expected failure but passes now; remove the entry (it was: ${s.reason})`,
  );
}

/** "fail-on minor; expected failures: 3 of 4 entries in known.yml, 1 stale" — the gate in one phrase for every format. */
export function gatePhrase(gate: Gate | undefined): string {
  if (!gate) return '';
  const parts = [`fail-on ${gate.failOn}`];
  if (gate.belowThreshold)
    parts.push(`${gate.belowThreshold} failure${gate.belowThreshold === 1 ? '' : 's'} below it, not failing the run`);
  const x = gate.expectedFailures;
  if (x)
    parts.push(
      `expected failures from ${x.file}: ${x.matched} of ${x.entries} entries matched${x.stale.length ? `, ${x.stale.length} stale` : ''}`,
    );
  else parts.push('no expected-failures file');
  return parts.join('; ');
}
