/**
 * What `gauntlet run` prints while it runs (--reporter): `live` a line per check (the default),
 * `dots` a character per check, `failures` only the failing lines, `github` the live lines plus a
 * GitHub Actions annotation per failure (chosen by itself under GITHUB_ACTIONS), `json` one JSON event
 * per line on stdout (NDJSON; every human line then goes to stderr). Live, dots and failures end with
 * a recap of the failures, worst first.
 */
import { SEVERITY_ORDER, type Severity } from '../core/finding.ts';
import { propertyFailures, type PropertyResult, type Report, type ResultRow } from '../report.ts';
import type { Out } from './out.ts';

export const REPORTERS = ['live', 'dots', 'failures', 'github', 'json'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface Reporter {
  result(row: ResultRow, line: string): void;
  property(p: PropertyResult, lines: string[]): void;
  /** After the run: the recap (and the events' end). */
  end(report: Report, paths: string[]): void;
  /** Where the summary and other human lines go. */
  human: Out;
}

export function pickReporter(flag: ReporterName | undefined, env: NodeJS.ProcessEnv = process.env): ReporterName {
  return flag ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'live');
}

/** GitHub workflow command escaping: data escapes %, CR, LF; properties also : and ,. */
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

interface Failing {
  name: string;
  endpoint: string;
  severity: Severity | null;
  why: string;
  error: boolean;
}

function failingOf(report: Report): Failing[] {
  const rows: Failing[] = report.results
    .filter((r) => (r.verdict === 'fail' && !r.expectedFailure) || r.verdict === 'error')
    .map((r) => ({
      name: r.scenario,
      endpoint: r.endpoint,
      severity: r.verdict === 'fail' ? r.severity : null,
      why: r.failures[0] ?? r.error ?? '',
      error: r.verdict === 'error',
    }));
  const props: Failing[] = report.properties
    .filter((p) => (p.verdict === 'fail' && !p.expectedFailure) || p.verdict === 'error')
    .map((p) => {
      const worst = propertyFailures(p)[0];
      return {
        name: `property ${p.property}`,
        endpoint: p.endpoint,
        severity: worst?.severity ?? null,
        why: worst?.counterexample.case ?? p.failures[0] ?? '',
        error: p.verdict === 'error',
      };
    });
  const rank = (f: Failing): number => (f.error ? 0 : f.severity ? SEVERITY_ORDER[f.severity] + 1 : 4);
  return [...rows, ...props]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(b.f) - rank(a.f) || a.i - b.i)
    .map((x) => x.f);
}

const MAX_RECAP = 30;

/** The failures, worst first (critical, major, minor, then errors), one line each. */
export function recapLines(report: Report): string[] {
  const failing = failingOf(report);
  if (!failing.length) return [];
  const lines = failing
    .slice(0, MAX_RECAP)
    .map((f) => `  ${f.error ? 'ERR     ' : `${(f.severity ?? 'fail').padEnd(8)}`} ${f.name} ${f.endpoint}${f.why ? ` - ${f.why}` : ''}`);
  if (failing.length > MAX_RECAP) lines.push(`  …and ${failing.length - MAX_RECAP} more; see the reports`);
  return [`failures, worst first (${failing.length}):`, ...lines];
}

/** One `::error` (critical, major, errors), `::warning` (minor) or `::notice` (expected) per check. */
export function annotation(row: ResultRow): string | undefined {
  if (row.verdict !== 'fail' && row.verdict !== 'error') return undefined;
  const level = row.verdict === 'fail' && row.expectedFailure ? 'notice' : row.severity === 'minor' ? 'warning' : 'error';
  const title = `${row.scenario} ${row.endpoint}${row.severity ? ` [${row.severity}]` : ''}${row.expectedFailure ? ' (expected)' : ''}`;
  const text =
    row.verdict === 'error' ? (row.error ?? 'could not be judged') : [row.failures.join('; '), `Fix: ${row.resolution}`].join('\n');
  return `::${level} title=${prop(`token-gauntlet: ${title}`)}::${data(text)}`;
}

export function createReporter(name: ReporterName, out: Out, quiet = false): Reporter {
  const stderrOut: Out = { log: (l) => out.error(l), error: (l) => out.error(l) };
  if (name === 'json') {
    const emit = (event: Record<string, unknown>): void => out.log(JSON.stringify(event));
    return {
      human: stderrOut,
      result: (row) => emit({ event: 'result', ...row }),
      property: (p) => emit({ event: 'property', ...p }),
      end: (report, paths) =>
        emit({
          event: 'end',
          summary: report.summary,
          gate: report.gate ?? null,
          partial: report.partial,
          stop: report.stop,
          reports: paths,
        }),
    };
  }
  let dots = '';
  const flush = (): void => {
    if (dots) out.log(dots);
    dots = '';
  };
  const recap = (report: Report): void => {
    for (const l of recapLines(report)) out.log(l);
  };
  if (name === 'dots') {
    const dot = (verdict: string, expected: boolean): void => {
      dots += verdict === 'pass' ? '.' : verdict === 'skip' ? 's' : verdict === 'error' ? 'E' : expected ? 'x' : 'F';
      if (dots.length >= 80) flush();
    };
    return {
      human: out,
      result: (row) => dot(row.verdict, !!row.expectedFailure),
      property: (p) => dot(p.verdict, !!p.expectedFailure),
      end: (report) => {
        flush();
        recap(report);
      },
    };
  }
  const failing = (v: string, expected: boolean): boolean => (v === 'fail' && !expected) || v === 'error';
  return {
    human: out,
    result: (row, line) => {
      if (name === 'failures' ? failing(row.verdict, !!row.expectedFailure) : !quiet) out.log(line);
      if (name === 'github') {
        const a = annotation(row);
        if (a) out.log(a);
      }
    },
    property: (p, lines) => {
      if (name === 'failures' ? failing(p.verdict, !!p.expectedFailure) : !quiet) for (const l of lines) out.log(l);
      if (name === 'github' && (p.verdict === 'fail' || p.verdict === 'error')) {
        const worst = propertyFailures(p)[0];
        const level = p.expectedFailure ? 'notice' : worst?.severity === 'minor' ? 'warning' : 'error';
        out.log(
          `::${level} title=${prop(`token-gauntlet: property ${p.property} ${p.endpoint}${worst ? ` [${worst.severity}]` : ''}`)}::${data(p.failures.join('; '))}`,
        );
      }
    },
    end: (report) => {
      if (name !== 'failures' && !quiet) recap(report);
    },
  };
}
