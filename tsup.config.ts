/**
 * `npm run build` (and `prepack`): the package's JavaScript and types in dist/. One ESM bundle per
 * public entry plus the CLI (dist/main.js), split into shared chunks so each command loads only its
 * own code; every dependency stays an import (nothing from node_modules is bundled). The .d.ts files
 * are bundled too, so the types a consumer sees name only the package's own and its dependencies'.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

const publicEntries = { index: 'harness/index.ts', mocks: 'mocks/index.ts', vitest: 'harness/vitest.ts' };

export default defineConfig({
  entry: { ...publicEntries, main: 'harness/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  splitting: true,
  skipNodeModulesBundle: true,
  removeNodeProtocol: false,
  dts: { entry: publicEntries },
  clean: true,
  // The published JSON Schema of report.json (generated from the zod schema), for those who validate
  // a report without this package; only the .json, not the script that writes it.
  onSuccess: async () => {
    mkdirSync('dist/schema', { recursive: true });
    copyFileSync('reports/schema/report.v1.json', 'dist/schema/report.v1.json');
  },
});
