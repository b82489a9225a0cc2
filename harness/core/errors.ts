/**
 * Errors of the harness itself. A non-conforming target is never one of these: it is a Finding.
 * Every HarnessError message is one line naming the cause and the fix; the CLI prints it and exits 2.
 */
export type HarnessErrorCode =
  | 'ERR_CONFIG_INVALID'
  | 'ERR_CONFIG_NOT_FOUND'
  | 'ERR_FLAG_INVALID'
  | 'ERR_TARGET_UNREACHABLE'
  | 'ERR_TARGET_TIMEOUT'
  /** Ctrl-C while a request was in flight: the run stops and writes what was judged (never printed as a mistake). */
  | 'ERR_INTERRUPTED'
  | 'ERR_TARGET_START'
  | 'ERR_BASELINE_REJECTED'
  | 'ERR_SCENARIO_UNKNOWN'
  | 'ERR_SCENARIO_INVALID'
  | 'ERR_REPORT_INVALID'
  | 'ERR_REPORT_WRITE';

export class HarnessError extends Error {
  override name = 'HarnessError';
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isHarnessError(err: unknown): err is HarnessError {
  return err instanceof HarnessError;
}
