/** One JSON line per request, appended in order, so an auditor (or the harness) can match request ids to outcomes. */
import { appendFile } from 'node:fs/promises';

export interface AuditLine {
  time: string;
  requestId: string;
  jti: string | null;
  status: number;
  code: string | null;
  method: string;
  path: string;
}

export class AuditLog {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Resolves once the line is on disk; a failed write is reported on stderr, never fails the request. */
  write(line: AuditLine): Promise<void> {
    this.tail = this.tail.then(() =>
      appendFile(this.file, `${JSON.stringify(line)}\n`).catch((err: Error) => {
        process.stderr.write(`reference API: cannot write audit log ${this.file}: ${err.message}\n`);
      }),
    );
    return this.tail;
  }
}
