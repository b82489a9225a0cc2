/**
 * Reading a report back (replay, `gauntlet report`, merging shards, tests): parse, validate with the
 * report's one zod schema (harness/report/schema.ts), and turn a problem into one HarnessError line
 * (ERR_REPORT_INVALID, exit 2) naming the field, the cause and the fix.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from '../core/errors.ts';
import { deepest, where, type Issue } from '../zod-issue.ts';
import { reportSchema, type Report } from './schema.ts';

const FIX = 'pass the report.json that "gauntlet run" wrote, unedited';

/** One issue as `field: what is wrong`, e.g. `results[1].verdict: expected one of "pass"|"fail"|"skip"|"error"`. */
export function describeIssue(first: Issue, value: unknown): string {
  const { path, issue } = deepest(first);
  if (issue.code === 'unrecognized_keys') return `${where(path)}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (path.length > 0 && valueAt(value, path) === undefined) return `${where(path)}: missing`;
  const message = issue.message.replace(/^Invalid (input|option): /, '');
  return `${where(path)}: ${message}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Problems as one phrase: the first issue and how many more there are. */
export function describeIssues(issues: readonly Issue[], value: unknown): string {
  const [first, ...rest] = issues;
  if (!first) return 'invalid';
  return describeIssue(first, value) + (rest.length ? ` (and ${rest.length} more)` : '');
}

/** Validate a parsed value into a Report (older reports normalised); throws ERR_REPORT_INVALID naming the field. */
export function parseReport(value: unknown, source = 'the report'): Report {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (value && typeof value === 'object' && version !== undefined && version !== 1) {
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `${source} has schemaVersion ${JSON.stringify(version)}, this gauntlet reads schemaVersion 1; read it with the gauntlet version that wrote it`,
    );
  }
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HarnessError(
    'ERR_REPORT_INVALID',
    `${source} is not a token-gauntlet report (${describeIssues(parsed.error.issues, value)}); ${FIX}`,
  );
}

/** Does this value read as a report? */
export function isReport(value: unknown): boolean {
  return reportSchema.safeParse(value).success;
}

/** Read, parse and validate a report.json file. */
export function readReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : ((err as Error).message.split('\n')[0] ?? String(err));
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `cannot read ${file}: ${why}; pass the report.json that "gauntlet run" wrote (default reports/out/report.json)`,
      {
        cause: err,
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new HarnessError('ERR_REPORT_INVALID', `${file} is not valid JSON (${(err as Error).message.split('\n')[0]}); ${FIX}`, {
      cause: err,
    });
  }
  return parseReport(data, file);
}
