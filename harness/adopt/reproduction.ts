/**
 * A standalone reproduction for a run whose target a config started or ran in process: its curl lines
 * point at a port that is gone once the run ends. `reproduce.mjs`, written beside report.json, starts
 * the mock IdP with the run's keys, starts the API again from the same config, mints each failing
 * case again (relative to the clock of then) and sends it, printing FIXED or STILL FAILING and the
 * request: `gauntlet replay` for that report, config and (optionally) scenario ids.
 */
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../../reports/write.ts';

/** The gauntlet bin this process runs as (what the script calls again). */
export function gauntletBin(): string {
  const argv1 = process.argv[1] ?? '';
  return /(bin\.mjs|gauntlet)$/.test(argv1) ? argv1 : fileURLToPath(new URL('../bin.mjs', import.meta.url));
}

export function reproductionScript(opts: { reportFile: string; configFile?: string; bin: string; keysFile?: string | null }): string {
  const config = opts.configFile ? `, '--config', ${JSON.stringify(opts.configFile)}` : '';
  return `#!/usr/bin/env node
// Reproduce the failures of ${opts.reportFile.split('/').pop()}: its target ran in process or was started by the config,
// so the report's curl lines point at a port that is gone. This starts the mock IdP${opts.keysFile ? ` with the run's keys (${opts.keysFile})` : ''},
// starts the API again from the config, mints each failing case again and sends it.
//
//   node ${opts.reportFile.replace(/report\.json$/, 'reproduce.mjs')}              every failing case
//   node ${opts.reportFile.replace(/report\.json$/, 'reproduce.mjs')} alg-none     the cases of these scenario ids (comma list)
import { spawnSync } from 'node:child_process';
const only = process.argv[2] ? ['--only', process.argv[2]] : [];
const r = spawnSync(process.execPath, [${JSON.stringify(opts.bin)}, 'replay', ${JSON.stringify(opts.reportFile)}${config}, ...only], { stdio: 'inherit' });
process.exit(r.status ?? 2);
`;
}

/** Write reproduce.mjs into the report directory; returns its path, as the user would type it. */
export function writeReproduction(outDir: string, configFile: string | undefined, keysFile: string | null): string {
  const path = join(outDir, 'reproduce.mjs');
  writeAtomic(path, reproductionScript({ reportFile: join(outDir, 'report.json'), configFile, bin: gauntletBin(), keysFile }));
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') ? shown : path;
}
