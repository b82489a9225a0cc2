#!/usr/bin/env node
// The `gauntlet` command. tsx loads the TypeScript sources (and a user's gauntlet.config.ts) directly:
// nothing to build after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
