/** Where the CLI writes: stdout for results, stderr for errors. Injected so tests can capture both. */
export interface Out {
  log(line: string): void;
  error(line: string): void;
}

/**
 * A reader that stops reading (`gauntlet list | head`) closes the pipe: the rest of the output has
 * nowhere to go, which is not an error. Exit quietly, as a Unix command does, instead of a stack trace.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

export const processOut: Out = {
  log: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

/** An Out that keeps every line, for tests and for embedding the CLI. */
export function captureOut(): Out & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) };
}
