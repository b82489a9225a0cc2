/**
 * Which way imports run (harness/DESIGN.md, "Which way imports run"). `npm run deps` prints any
 * violation; harness/deps.test.ts fails the suite on one. Type-only imports count: a cycle of types
 * is still two modules that cannot be read apart.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports run one way: a cycle means a type or helper lives in the wrong home (move it to harness/core/ or split the file).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'scenarios-use-the-public-api',
      severity: 'error',
      comment:
        'Scenarios (and their profiles and helpers) import from harness/ only harness/core/, the vocabulary scenarios/define.ts re-exports; an example user config may import defineConfig like a user does.',
      from: { path: '^scenarios/', pathNot: ['\\.test\\.ts$', '\\.config\\.example\\.ts$'] },
      to: { path: '^harness/', pathNot: '^harness/core/' },
    },
    {
      name: 'core-is-a-leaf',
      severity: 'error',
      comment: "harness/core/ is the shared vocabulary: it imports nothing else of the harness (the IdP types it names are the IdP's own).",
      from: { path: '^harness/core/' },
      to: { path: '^(harness/(?!core/)|scenarios/|reports/)' },
    },
    {
      name: 'idp-stands-alone',
      severity: 'error',
      comment: 'The mock IdP is usable without the harness: mocks/idp/ imports nothing from harness/ (it has its own IdpError).',
      from: { path: '^mocks/idp/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(harness|scenarios|reports)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
