/**
 * `npm run build` (and `prepack`): the package's JavaScript and types in dist/. One ESM bundle per
 * public entry plus the CLI (dist/main.js) and the key pool's refill process (dist/refill-key-pool.js), split into shared chunks so each command loads only its
 * own code. The dependencies are bundled into those chunks too (whitespace and syntax minified, names
 * kept): a start then reads a few dozen files instead of resolving ~900 modules in node_modules, the
 * largest share of `gauntlet run`'s and `gauntlet idp`'s start-up (bench/RESULTS.md section 2). The
 * CLI and the public entries share one build, so a user's config or scenario importing
 * `token-gauntlet` gets the very classes the CLI uses (`instanceof HarnessError` holds). Kept as
 * imports: vitest (the user's own), tsx (a loader, resolved from its package), msw (a user's
 * `setupServer` must see its own copy's handlers), and what no start loads, only `--openapi`
 * (@apidevtools/swagger-parser with its ajv) and `--expected-failures` (yaml): that halves the tarball. The .d.ts files are bundled too, so the types a
 * consumer sees name only the package's own and its dependencies'.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

const publicEntries = { index: 'harness/index.ts', mocks: 'mocks/index.ts', vitest: 'harness/vitest.ts' };

export default defineConfig({
  // refill-key-pool: the key pool's detached refill process (mocks/idp/key-pool.ts), started by path.
  entry: { ...publicEntries, main: 'harness/main.ts', 'refill-key-pool': 'harness/cli/refill-key-pool.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  splitting: true,
  noExternal: [/^(?!(vitest|tsx|msw|yaml|@apidevtools\/[^/]+)(\/|$))/],
  minifyWhitespace: true,
  minifySyntax: true,
  // Bundled CommonJS dependencies (@peculiar/x509, ajv, swagger-parser…) call require() for node's built-ins.
  esbuildOptions(options) {
    // x509's CommonJS build, not its ES module one: bundled as ESM into a shared chunk, x509 and tsyringe would run
    // when that chunk loads, before certificate.ts's `import 'reflect-metadata'` (tsyringe then throws "requires a reflect polyfill").
    options.alias = { '@peculiar/x509': '@peculiar/x509/build/x509.cjs.js' };
  },
  banner: {
    js: "import { createRequire as __gauntletCreateRequire } from 'node:module'; const require = __gauntletCreateRequire(import.meta.url);",
  },
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
