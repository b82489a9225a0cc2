/**
 * Reading a report.json back: parse, check it against reports/schema/report.v1.json (ajv, draft
 * 2020-12), and turn every problem into one HarnessError line (ERR_REPORT_INVALID) naming the cause and
 * the fix. `gauntlet report` and anything else that reads a report from disk go through here.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { HarnessError } from '../harness/core/errors.ts';
import type { Report } from '../harness/report.ts';

export const SCHEMA_URL = new URL('./schema/report.v1.json', import.meta.url);

let compiled: ValidateFunction<Report> | undefined;

/** The schema of report.json, schemaVersion 1. */
export function reportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

function validator(): ValidateFunction<Report> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    // ajv-formats is CommonJS: its plugin is the module's `default` under both Node and esbuild interop.
    formatsModule.default(ajv, ['date-time']);
    compiled = ajv.compile<Report>(reportSchema());
  }
  return compiled;
}

/**
 * Ajv's errors as short `where: what` phrases, e.g. `/results/3/verdict: must be equal to one of the
 * allowed values "pass", "fail", "skip", "error"`; missing fields are grouped per object.
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, max = 3): string {
  const missing = new Map<string, string[]>();
  const list: string[] = [];
  for (const e of errors ?? []) {
    const where = e.instancePath || '(top level)';
    if (e.keyword === 'required') {
      const field = (e.params as { missingProperty: string }).missingProperty;
      if (!missing.has(where)) list.push(`\0${where}`);
      missing.set(where, [...(missing.get(where) ?? []), field]);
      continue;
    }
    const extra =
      e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` :
      e.keyword === 'enum' ? ` ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` :
      e.keyword === 'const' ? ` ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` :
      '';
    list.push(`${where}: ${e.message ?? e.keyword}${extra}`);
  }
  const phrases = [...new Set(list)].map((p) => (p.startsWith('\0') ? `${p.slice(1)}: missing ${missing.get(p.slice(1))!.join(', ')}` : p));
  return phrases.slice(0, max).join('; ') + (phrases.length > max ? ` (and ${phrases.length - max} more)` : '');
}

/** Type guard: does this value match report.v1.json? */
export function isReport(value: unknown): value is Report {
  return validator()(value);
}

/** Validate a parsed value; throws ERR_REPORT_INVALID naming the first problems. `source` names the file. */
export function assertReport(value: unknown, source = 'the report'): Report {
  const validate = validator();
  if (validate(value)) return value;
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (value && typeof value === 'object' && version !== undefined && version !== 1) {
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `${source} has schemaVersion ${JSON.stringify(version)}, this gauntlet reads schemaVersion 1; render it with the gauntlet version that wrote it`,
    );
  }
  throw new HarnessError(
    'ERR_REPORT_INVALID',
    `${source} is not a token-gauntlet report (${describeErrors(validate.errors)}); pass the report.json that "gauntlet run" wrote, unedited`,
  );
}

/** Read, parse and validate a report.json file. */
export function readReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : ((err as Error).message.split('\n')[0] ?? String(err));
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `cannot read ${file}: ${why}; pass the report.json that "gauntlet run" wrote (default reports/out/report.json)`,
      { cause: err },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `${file} is not valid JSON (${(err as Error).message.split('\n')[0]}); pass the report.json that "gauntlet run" wrote, unedited`,
      { cause: err },
    );
  }
  return assertReport(data, file);
}
