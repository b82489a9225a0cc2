/** report.json: the full Report, the source every other format and `gauntlet replay` read. */
import type { Report } from '../harness/report.ts';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
