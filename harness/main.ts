/**
 * The `gauntlet` command's entry (dist/main.js, and the sources harness/bin.mjs runs in a checkout):
 * run the CLI on this process's arguments. A plain `gauntlet idp` (harness/cli/idp-args.ts) starts
 * the IdP without loading commander and the other commands; everything else goes through cli.ts.
 */
import { quickIdpFlags } from './cli/idp-args.ts';

const argv = process.argv.slice(2);
const idp = argv[0] === 'idp' ? quickIdpFlags(argv.slice(1)) : undefined;
process.exitCode = idp ? await (await import('./cli/start.ts')).idpQuick(idp) : await (await import('./cli.ts')).main(argv);
