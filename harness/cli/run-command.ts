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
import { HarnessError } from '../core/errors.ts';
import { recordIssuer } from '../adopt/keys-issuer.ts';
import { writeReproduction } from '../adopt/reproduction.ts';
import { parseShard, shardOf } from '../adopt/shard.ts';
import { createReporter, pickReporter, type ReporterName } from './reporters.ts';
import type { Severity } from '../core/finding.ts';
import type { ExpectedFailures } from '../adopt/expected-failures.ts';
import { applyGate, gatePhrase, matcher, staleLines } from '../adopt/gate.ts';
import { endpointLabel } from '../core/endpoint.ts';

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
  expectedFailures?: string;
  failOn?: Severity;
  reporter?: ReporterName;
  shard?: string;
  openapi?: string;
  openapiParam?: string[];
  onlyTags?: string[];
  operation?: string[];
}

/** `--openapi-param petId=10` (repeatable) as the config's `openapiParameters`. */
function openapiParams(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0)
      throw new HarnessError('ERR_FLAG_INVALID', `--openapi-param "${spec}" is not NAME=VALUE; write it like --openapi-param petId=10`);
    out[spec.slice(0, eq).trim()] = spec.slice(eq + 1);
  }
  return out;
}

function flagsToConfig(f: RunFlags): UserConfig {
  return {
    target: f.target,
    endpoints: f.endpoint,
    audience: f.audience,
    idp: {
      ...(f.idpPort !== undefined ? { port: f.idpPort } : {}),
      ...(f.keys ? { keys: f.keys } : {}),
      ...(f.algs ? { algs: f.algs } : {}),
    },
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
    expectedFailures: f.expectedFailures,
    failOn: f.failOn,
    openapi: f.openapi,
    openapiParameters: f.openapiParam ? openapiParams(f.openapiParam) : undefined,
    onlyTags: f.onlyTags,
    operations: f.operation,
  };
}

const MARK: Record<'pass' | 'fail' | 'skip' | 'error' | 'expected', [string, Style]> = {
  pass: ['PASS', 'green'],
  fail: ['FAIL', 'red'],
  skip: ['SKIP', 'gray'],
  error: ['ERR ', 'yellow'],
  expected: ['XFAIL', 'gray'],
};

function line(row: ResultRow, paint: Paint): string {
  const [mark, style] = MARK[row.verdict === 'fail' && row.expectedFailure ? 'expected' : row.verdict];
  const sev = row.severity ? ` [${row.severity}]` : '';
  const why = row.failures[0] ? ` - ${row.failures[0]}` : row.error ? ` - ${row.error}` : row.skipReason ? ` - ${row.skipReason}` : '';
  const known =
    row.verdict === 'fail' && row.expectedFailure ? ` (expected: ${row.expectedFailure.reason}, ${row.expectedFailure.at})` : '';
  return `${paint(style, mark)} ${row.scenario} ${row.endpoint}${sev}${why}${known}`;
}

/** One line per property and endpoint; a failure names its worst shrunk case, then one line per other distinct failure. */
export function propertyLines(p: PropertyResult, paint: Paint): string[] {
  const [mark, style] = MARK[p.verdict === 'fail' && p.expectedFailure ? 'expected' : p.verdict];
  const listed = p.verdict === 'fail' ? propertyFailures(p) : [];
  const worst = listed[0];
  const sev = worst ? ` [${worst.severity}]` : '';
  const why =
    p.verdict === 'pass' ? ` (${p.runs} cases)` : worst ? ` - ${worst.counterexample.case}` : p.failures[0] ? ` - ${p.failures[0]}` : '';
  return [
    `${paint(style, mark)} property ${p.property} ${p.endpoint}${sev}${why}`,
    ...listed.slice(1).map((f) => `     also [${f.severity}] ${f.counterexample.case}`),
  ];
}

export async function runCommand(flags: RunFlags, out: Out): Promise<number> {
  const reporter = createReporter(pickReporter(flags.reporter), out, flags.quiet);
  const say = reporter.human;
  const file = await loadConfigFile(flags.config);
  const config = await resolveConfig(file.config, flagsToConfig(flags));
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const selected = await scenariosFor(config.scenarioGlobs, config.baseDir, config.only, config.skip);
  const scenarios = shard ? shardOf(selected, shard) : selected;
  // The property cases run in shard 1 only: with a fixed --seed, the merged shards hold the cases one run does.
  if (shard && shard.index > 1) config.runs = 0;
  if (config.openapi) {
    const o = config.openapi;
    say.log(
      `openapi: ${o.endpoints} endpoint${o.endpoints === 1 ? '' : 's'} from "${o.title}" (${o.source})${o.skipped.length ? `; ${o.skipped.length} operation${o.skipped.length === 1 ? '' : 's'} skipped` : ''}`,
    );
    if (!flags.quiet) for (const sk of o.skipped) say.log(`  skipped ${sk.operation}: ${sk.reason}`);
  }
  let expected: ExpectedFailures | null = null;
  if (config.expectedFailures) {
    // Loaded only with an expected-failures file: the YAML parser and the property families are not on the start path.
    const [{ checkEntries, loadExpectedFailures }, { FAMILIES }] = await Promise.all([
      import('../adopt/expected-failures.ts'),
      import('../properties/families.ts'),
    ]);
    expected = loadExpectedFailures(config.expectedFailures);
    const all = config.only?.length || shard ? await scenariosFor(config.scenarioGlobs, config.baseDir) : scenarios;
    checkEntries(expected, [...all.map((s) => s.id), ...FAMILIES.map((f) => f.name)], config.endpoints.map(endpointLabel));
  }
  const known = matcher(expected);
  const paint = painter(colourEnabled());
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await run(config, scenarios, {
      signal: abort.signal,
      onResult: (row) => {
        const e = row.verdict === 'fail' ? known(row.scenario, row.endpoint) : undefined;
        const shown = e ? { ...row, expectedFailure: { at: e.at, reason: e.reason } } : row;
        reporter.result(shown, line(shown, paint));
      },
      onProperty: (p) => {
        const e = p.verdict === 'fail' ? known(p.property, p.endpoint) : undefined;
        const shown = e ? { ...p, expectedFailure: { at: e.at, reason: e.reason } } : p;
        reporter.property(shown, propertyLines(shown, paint));
      },
    });
    applyGate(report, expected, config.failOn);
    const kind = 'url' in config.target ? 'url' : 'app' in config.target ? 'app' : 'start';
    const idpPort = /^https?:\/\/[^/]+:(\d+)/.exec(report.idp.issuer)?.[1];
    report.replayWith = {
      target: kind,
      idpPort: kind === 'app' ? null : idpPort ? Number(idpPort) : config.idp.port || null,
      keysFile: config.idp.keysFile ?? null,
      endpoints: config.endpoints.map((e) => [endpointLabel(e), ...e.scopes].join(' ')),
    };
    if (shard) report.shard = shard;
    if (config.idp.keysFile && kind === 'url') recordIssuer(config.idp.keysFile, report.idp.issuer);
    // The report writers (xmlbuilder2, escape-html) load once there is a report to write.
    const { writeReports } = await import('../../reports/index.ts');
    const paths = writeReports(report, config.out, config.formats);
    reporter.end(report, paths);
    const s = report.summary;
    const stop = report.stop;
    const prefix = stop?.cause === 'interrupted' ? 'interrupted: ' : stop ? 'stopped early: ' : '';
    say.log(
      `${prefix}${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored` +
        `${s.expected ? `, ${s.expected} expected` : ''}` +
        ` (critical ${s.bySeverity.critical}, major ${s.bySeverity.major}, minor ${s.bySeverity.minor})`,
    );
    if (expected || report.gate!.failOn !== 'minor' || report.gate!.belowThreshold) say.log(gatePhrase(report.gate));
    const policy = policyLine(report);
    if (policy) say.log(policy);
    for (const p of paths) say.log(`report: ${p}`);
    // A target the config started or ran in process is gone with the run: a script starts it again to reproduce.
    if (kind !== 'url' && (s.failed > 0 || (s.expected ?? 0) > 0)) {
      const script = writeReproduction(config.out, file.path, config.idp.keysFile ?? null);
      say.log(`reproduce: node ${script} [scenario-id] (starts the IdP and the API again; the curl lines point at a port that is gone)`);
    }
    if (stop?.cause === 'interrupted') return 130;
    if (stop) {
      out.error(`gauntlet: ${stop.message}`);
      // A refused baseline judges nothing but the forgeries; one of them accepted is a finding all the same.
      return stop.cause === 'baseline-refused' && s.failed > 0 ? 1 : 2;
    }
    for (const l of staleLines(report.gate)) out.error(`gauntlet: ${l}`);
    return report.gate!.passed ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
