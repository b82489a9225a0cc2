import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'scenarios/**/*.test.ts', 'mocks/**/*.test.ts', 'reports/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file starts its own IdP and targets on port 0; two workers fit the 2-core CI machine.
    maxWorkers: 2,
  },
});
