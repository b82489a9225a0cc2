/** The compiled `gauntlet` command's entry (dist/main.js): run the CLI on this process's arguments. */
import { main } from './cli.ts';

process.exitCode = await main(process.argv.slice(2));
