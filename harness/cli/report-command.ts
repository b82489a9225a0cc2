/**
 * `gauntlet report <report.json> [--format html,junit,markdown] [--out DIR]`: render the other formats
 * again from a report.json, e.g. after a CI job kept only the JSON, or with a newer gauntlet. The file
 * is read through the report's schema first (harness/report/read.ts); a bad or missing file is one
 * ERR_REPORT_INVALID line naming the field. Default formats: junit, markdown and html; default out: the file's directory.
 */
import { dirname, resolve } from 'node:path';
import type { Format } from '../config.ts';
import { renderReports } from '../../reports/index.ts';
import { readReport } from '../../reports/validate.ts';
import type { Out } from './out.ts';

export const REPORT_DEFAULT_FORMATS: readonly Format[] = ['junit', 'markdown', 'html'];

export interface ReportFlags {
  format?: Format[];
  out?: string;
}

export async function reportCommand(file: string, flags: ReportFlags, out: Out): Promise<number> {
  const path = resolve(file);
  const report = readReport(path);
  const dir = resolve(flags.out ?? dirname(path));
  const formats = flags.format?.length ? flags.format : REPORT_DEFAULT_FORMATS;
  // Re-writing report.json over the file just read would change nothing; into another directory it is a copy.
  const written = renderReports(
    report,
    dir,
    formats.filter((f) => f !== 'json' || resolve(dir, 'report.json') !== path),
  );
  for (const p of written) out.log(`report: ${p}`);
  return 0;
}
