/**
 * Writes reports/schema/report.v1.json from the zod schema (harness/report/schema.ts): `npm run schema`.
 * The file is checked in for those who validate report.json without this package; reports/schema.test.ts
 * fails when it differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportJsonSchema } from '../../harness/report/schema.ts';

export const SCHEMA_FILE = new URL('./report.v1.json', import.meta.url);

/** The text `npm run schema` writes. */
export function schemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${fileURLToPath(SCHEMA_FILE)}`);
}
