/** `gauntlet run`: config + flags -> run -> reports; exit 0 all passed, 1 a scenario failed, 2 not judgeable. */
import { loadConfigFile, resolveConfig, type Format, type UserConfig } from '../config.ts';
import { scenariosFor } from '../load-scenarios.ts';
import { run } from '../run.ts';
import { policyLine } from '../../reports/policy.ts';
import { propertyFailures, type PropertyResult, type ResultRow } from '../report.ts';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import type { Revocation } from '../core/policy.ts';
import { colourEnabled, painter, type Paint, type Style } from './colour.ts';
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
  leeway?: number;
  maxLifetime?: number;
  revocation?: Revocation;
  profile?: string;
  only?: string[];
  skip?: string[];
  runs?: number;
  seed?: number;
  out?: string;
  format?: Format[];
  timeout?: number;
  maxBody?: number;
  maxTimeouts?: number;
  concurrency?: number;
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
    baseline: f.typ !== undefined ? { typ: f.typ } : {},
    policy: {
      ...(f.leeway !== undefined ? { leeway: f.leeway } : {}),
      ...(f.maxLifetime !== undefined ? { maxLifetime: f.maxLifetime } : {}),
      ...(f.revocation ? { revocation: f.revocation } : {}),
    },
    profile: f.profile,
    only: f.only,
    skip: f.skip,
    runs: f.runs,
    seed: f.seed,
    out: f.out,
    format: f.format,
    timeout: f.timeout,
    maxBody: f.maxBody,
    maxTimeouts: f.maxTimeouts,
    concurrency: f.concurrency,
    scenarios: f.scenarios,
    redactTokens: f.redactTokens,
  };
}

const MARK: Record<'pass' | 'fail' | 'skip' | 'error', [string, Style]> = {
  pass: ['PASS', 'green'],
  fail: ['FAIL', 'red'],
  skip: ['SKIP', 'gray'],
  error: ['ERR ', 'yellow'],
};

function line(row: ResultRow, paint: Paint): string {
  const [mark, style] = MARK[row.verdict];
  const sev = row.severity ? ` [${row.severity}]` : '';
  const why = row.failures[0] ? ` - ${row.failures[0]}` : row.error ? ` - ${row.error}` : row.skipReason ? ` - ${row.skipReason}` : '';
  return `${paint(style, mark)} ${row.scenario} ${row.endpoint}${sev}${why}`;
}

/** One line per property and endpoint; a failure names its worst shrunk case, then one line per other distinct failure. */
export function propertyLines(p: PropertyResult, paint: Paint): string[] {
  const [mark, style] = MARK[p.verdict];
  const listed = p.verdict === 'fail' ? propertyFailures(p) : [];
  const worst = listed[0];
  const sev = worst ? ` [${worst.severity}]` : '';
  const why = p.verdict === 'pass' ? ` (${p.runs} cases)` : worst ? ` - ${worst.counterexample.case}` : p.failures[0] ? ` - ${p.failures[0]}` : '';
  return [`${paint(style, mark)} property ${p.property} ${p.endpoint}${sev}${why}`, ...listed.slice(1).map((f) => `     also [${f.severity}] ${f.counterexample.case}`)];
}

export async function runCommand(flags: RunFlags, out: Out): Promise<number> {
  const file = await loadConfigFile(flags.config);
  const config = await resolveConfig(file.config, flagsToConfig(flags));
  const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir, config.only, config.skip);
  const paint = painter(colourEnabled());
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await run(config, scenarios, {
      signal: abort.signal,
      onResult: (row) => {
        if (!flags.quiet) out.log(line(row, paint));
      },
      onProperty: (p) => {
        if (!flags.quiet) for (const l of propertyLines(p, paint)) out.log(l);
      },
    });
    // The report writers (xmlbuilder2, escape-html) load once there is a report to write.
    const { writeReports } = await import('../../reports/index.ts');
    const paths = writeReports(report, config.out, config.formats);
    const s = report.summary;
    const stop = report.stop;
    const prefix = stop?.cause === 'interrupted' ? 'interrupted: ' : stop ? 'stopped early: ' : '';
    out.log(
      `${prefix}${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored` +
        ` (critical ${s.bySeverity.critical}, major ${s.bySeverity.major}, minor ${s.bySeverity.minor})`,
    );
    const policy = policyLine(report);
    if (policy) out.log(policy);
    for (const p of paths) out.log(`report: ${p}`);
    if (stop?.cause === 'interrupted') return 130;
    if (stop) {
      out.error(`gauntlet: ${stop.message}`);
      // A refused baseline judges nothing but the forgeries; one of them accepted is a finding all the same.
      return stop.cause === 'baseline-refused' && s.failed > 0 ? 1 : 2;
    }
    return s.failed > 0 || s.errored > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
