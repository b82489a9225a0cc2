/** Where the CLI writes: stdout for results, stderr for errors. Injected so tests can capture both. */
export interface Out {
  log(line: string): void;
  error(line: string): void;
}

export const processOut: Out = {
  log: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
