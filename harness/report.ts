/**
 * The Report: the one shape every writer (json, junit, markdown, html), replay and the CLI consume.
 * Its types are inferred from the zod schema in harness/report/schema.ts (the one description of
 * report.json: types, validator and published JSON Schema); this module re-exports them with the
 * helpers that compute over a report.
 */
import type { PropertyFailure, PropertyResult, ResultRow, Summary } from './report/schema.ts';

export type {
  ExpectedAnswer,
  ObservedAnswer,
  PropertyCounterexample,
  PropertyFailure,
  PropertyResult,
  Report,
  ReportInput,
  ResultRow,
  RunStop,
  Summary,
  Gate,
  ExpectedFailureMark,
} from './report/schema.ts';

export function summarize(results: readonly ResultRow[], properties: readonly PropertyResult[] = []): Summary {
  const s: Summary = {
    total: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    errored: 0,
    expected: 0,
    bySeverity: { critical: 0, major: 0, minor: 0 },
  };
  for (const r of results) {
    s.total++;
    // A failure the expected-failures file lists counts apart (harness/adopt/gate.ts).
    if (r.verdict === 'fail' && r.expectedFailure) {
      s.expected!++;
      continue;
    }
    if (r.verdict === 'pass') s.passed++;
    else if (r.verdict === 'fail') s.failed++;
    else if (r.verdict === 'skip') s.skipped++;
    else s.errored++;
    if (r.verdict === 'fail' && r.severity) s.bySeverity[r.severity]++;
  }
  for (const p of properties) {
    s.total++;
    if (p.verdict === 'fail' && p.expectedFailure) {
      s.expected!++;
      continue;
    }
    if (p.verdict === 'pass') s.passed++;
    else if (p.verdict === 'fail') s.failed++;
    else s.errored++;
    // The worst of a property's failures counts, once.
    const severity = propertyFailures(p)[0]?.severity;
    if (severity) s.bySeverity[severity]++;
  }
  return s;
}

/** A property's distinct failures, worst first; none unless it failed. */
export function propertyFailures(p: PropertyResult): PropertyFailure[] {
  return p.verdict === 'fail' ? p.distinctFailures : [];
}
