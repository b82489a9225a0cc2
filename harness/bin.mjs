#!/usr/bin/env node
// The `gauntlet` command. Installed from the package, it runs the compiled CLI (dist/main.js; tsx is
// loaded only to import a user's .ts config or scenarios). In a git checkout, where the sources sit
// next to this file, it runs them through tsx, so nothing needs building and nothing stale runs;
// GAUNTLET_COMPILED=1 runs the checkout's build instead (`npm run build` first; the benchmark does).
import { existsSync } from 'node:fs';

const sources = new URL('./cli.ts', import.meta.url);
if (existsSync(sources) && process.env.GAUNTLET_COMPILED !== '1') {
  const { register } = await import('tsx/esm/api');
  register();
  // The same entry as the build's (harness/main.ts): it reads process.argv and sets process.exitCode.
  await import(new URL('./main.ts', import.meta.url).href);
} else {
  await import('../dist/main.js');
}
