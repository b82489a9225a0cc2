/** report.json: the full Report, the source every other format and `gauntlet replay` read. */
import { reportSchema } from '../harness/report/schema.ts';
import type { Report } from '../harness/report.ts';

/**
 * The report in the schema's field order (harness/report/schema.ts), so a report read back and written
 * again (`gauntlet report --format json`) is the same file. Reading it is idempotent on a report this
 * gauntlet built; should one ever not read, it is written as it is.
 */
export function renderJson(report: Report): string {
  const read = reportSchema.safeParse(report);
  return `${JSON.stringify(read.success ? read.data : report, null, 2)}\n`;
}
