/** `gauntlet run`: config + flags -> run -> reports; exit 0 all passed, 1 a scenario failed, 2 not judgeable. */
import { loadConfigFile, resolveConfig, type Format, type UserConfig } from '../config.ts';
import { scenariosFor } from '../load-scenarios.ts';
import { run } from '../run.ts';
import { writeReports } from '../../reports/index.ts';
import type { ResultRow } from '../report.ts';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import type { Out } from './out.ts';

export interface RunFlags {
  config?: string;
  target?: string;
  endpoint?: string[];
  audience?: string;
  idpPort?: number;
  keys?: string;
  algs?: SigningAlg[];
  typ?: string;
  profile?: string;
  only?: string[];
  skip?: string[];
  runs?: number;
  seed?: number;
  out?: string;
  format?: Format[];
  timeout?: number;
  scenarios?: string[];
  redactTokens?: boolean;
  quiet?: boolean;
}

function flagsToConfig(f: RunFlags): UserConfig {
  return {
    target: f.target,
    endpoints: f.endpoint,
    audience: f.audience,
    idp: { ...(f.idpPort !== undefined ? { port: f.idpPort } : {}), ...(f.keys ? { keys: f.keys } : {}), ...(f.algs ? { algs: f.algs } : {}) },
    baseline: f.typ ? { typ: f.typ } : {},
    profile: f.profile,
    only: f.only,
    skip: f.skip,
    runs: f.runs,
    seed: f.seed,
    out: f.out,
    format: f.format,
    timeout: f.timeout,
    scenarios: f.scenarios,
    redactTokens: f.redactTokens,
  };
}

function line(row: ResultRow): string {
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERR ' }[row.verdict];
  const sev = row.severity ? ` [${row.severity}]` : '';
  const why = row.failures[0] ? ` - ${row.failures[0]}` : row.error ? ` - ${row.error}` : '';
  return `${mark} ${row.scenario} ${row.endpoint}${sev}${why}`;
}

export async function runCommand(flags: RunFlags, out: Out): Promise<number> {
  const file = await loadConfigFile(flags.config);
  const config = await resolveConfig(file.config, flagsToConfig(flags));
  const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir, config.only, config.skip);
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await run(config, scenarios, {
      signal: abort.signal,
      onResult: (row) => {
        if (!flags.quiet) out.log(line(row));
      },
    });
    const paths = writeReports(report, config.out, config.formats);
    const s = report.summary;
    out.log(
      `${report.partial ? 'interrupted: ' : ''}${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored` +
        ` (critical ${s.bySeverity.critical}, major ${s.bySeverity.major}, minor ${s.bySeverity.minor})`,
    );
    for (const p of paths) out.log(`report: ${p}`);
    if (report.partial) return 130;
    return s.failed > 0 || s.errored > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
