/**
 * Progress of the property phase, on stderr so stdout stays the results: a bar redrawn in place on a
 * terminal, and in CI (no TTY) one plain line every few seconds, none at all for a run shorter than that.
 */

export interface Progress {
  /** `total` cases over `properties` properties are about to run. */
  start(total: number, properties: number): void;
  /** `n` more cases judged. */
  tick(n?: number): void;
  /** One property finished. */
  finished(): void;
  done(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** Milliseconds between two CI lines (default 5000). */
  intervalMs?: number;
  /** Milliseconds between two redraws of the bar (default 100). */
  redrawMs?: number;
  /** Injected for tests. */
  now?: () => number;
}

export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => performance.now());
  const tty = opts.stream.isTTY === true;
  const every = tty ? (opts.redrawMs ?? 100) : (opts.intervalMs ?? 5000);
  let total = 0;
  let properties = 0;
  let cases = 0;
  let finished = 0;
  let startedAt = 0;
  let last = 0;
  let drawn = '';

  const text = (): string => {
    const pct = total ? Math.floor((100 * cases) / total) : 100;
    const secs = ((now() - startedAt) / 1000).toFixed(1);
    return `${cases}/${total} cases (${pct}%), ${finished}/${properties} properties done, ${secs} s`;
  };
  const bar = (): string => {
    const t = text();
    // What the line leaves of the terminal's width, so the bar never wraps (a wrapped line is not redrawn in place).
    const width = Math.max(0, Math.min(40, (opts.stream.columns ?? 80) - t.length - 15));
    const full = total ? Math.round((width * cases) / total) : width;
    return `properties [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${t}`;
  };
  const draw = (force = false): void => {
    const t = now();
    if (!force && t - last < every) return;
    last = t;
    drawn = text();
    opts.stream.write(tty ? `\r\x1b[2K${bar()}` : `properties: ${drawn}\n`);
  };

  return {
    start(t, p) {
      total = t;
      properties = p;
      startedAt = now();
      last = startedAt;
      if (tty) draw(true);
    },
    tick(n = 1) {
      cases = Math.min(total, cases + n);
      draw();
    },
    finished() {
      finished++;
      draw();
    },
    done() {
      if (tty) opts.stream.write('\r\x1b[2K');
      // The closing line, unless the last one already said it all.
      else if (drawn && drawn !== text()) opts.stream.write(`properties: ${text()}\n`);
    },
  };
}

/** Progress on the process's stderr. */
export function stderrProgress(): Progress {
  return createProgress({ stream: process.stderr });
}
