/** Write a report file atomically (temp file + rename), so a crash never leaves half a file. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HarnessError } from '../harness/core/errors.ts';

export function writeAtomic(file: string, content: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    throw new HarnessError('ERR_REPORT_WRITE', `cannot write ${file}: ${(err as Error).message}; check --out is a writable directory`, {
      cause: err,
    });
  }
}
