/**
 * Reading a report.json back: the report's one zod schema (harness/report/schema.ts) through
 * harness/report/read.ts. Every problem is one HarnessError line (ERR_REPORT_INVALID) naming the field.
 * The published JSON Schema, reports/schema/report.v1.json, is generated from the same schema.
 */
export { isReport, parseReport as assertReport, readReport } from '../harness/report/read.ts';
