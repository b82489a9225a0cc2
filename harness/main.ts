/**
 * The `gauntlet` command's entry (dist/main.js, and the sources harness/bin.mjs runs in a checkout):
 * run the CLI on this process's arguments. A plain `gauntlet idp` (harness/cli/idp-args.ts) starts
 * the IdP without loading commander and the other commands; everything else goes through cli.ts.
 * start.ts is imported statically (cli.ts needs it too): `gauntlet idp` then waits for one dynamic
 * import, the IdP's, not two in a row.
 */
import { quickIdpFlags } from './cli/idp-args.ts';
import { idpQuick } from './cli/start.ts';

const argv = process.argv.slice(2);
const idp = argv[0] === 'idp' ? quickIdpFlags(argv.slice(1)) : undefined;
process.exitCode = idp ? await idpQuick(idp) : await (await import('./cli.ts')).main(argv);
