import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'scenarios/**/*.test.ts', 'mocks/**/*.test.ts', 'reports/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file starts its own IdP and targets on port 0; two workers fit the 2-core CI machine.
    maxWorkers: 2,
    // The json reporter's file is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: './reports/out/vitest-results.json' },
  },
});
