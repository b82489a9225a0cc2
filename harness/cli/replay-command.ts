/**
 * `gauntlet replay report.json [--target URL] [--config FILE]`: replay every failing case of a report
 * (harness/replay.ts) and print FIXED or STILL FAILING for each. Exit 0 all fixed, 1 some still fail,
 * 2 nothing could be replayed (bad report, config, target or baseline) or some case could not be.
 *
 * The target, endpoints and policy come from the config file and flags, as for `run`; what they leave
 * open comes from the report (its target URL, endpoints, audience, baseline typ, profile and the policy
 * its properties were judged by), so `gauntlet replay report.json --target URL` works on its own.
 */
import { loadConfigFile, resolveConfig, type ResolvedConfig, type UserConfig } from '../config.ts';
import { scenariosFor } from '../load-scenarios.ts';
import type { Report } from '../report.ts';
import { readReport } from '../report/read.ts';
import { endpointsFromReport, failingCases, replay, replayExitCode, type ReplayedCase } from '../replay.ts';
import { builtinProfiles } from '../../scenarios/profiles/index.ts';
import type { Out } from './out.ts';
import { HarnessError } from '../core/errors.ts';

export interface ReplayFlags {
  config?: string;
  target?: string;
  endpoint?: string[];
  audience?: string;
  idpPort?: number;
  keys?: string;
  timeout?: number;
  scenarios?: string[];
  profile?: string;
  only?: string[];
  leeway?: number;
  maxLifetime?: number;
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Flags first, then what the report names, then the config file for what the report does not record.
 * The target: a URL the report names is replayed against (a server that was running then); a target a
 * config started (`start`, `app`) is started again by the config. The IdP listens on the report's port
 * with the report's keys file (a target that trusts a fixed IdP trusts it again); endpoints with their
 * scopes, audience, baseline typ, profile and declared policy are the report's.
 */
export function replayConfig(file: UserConfig, flags: ReplayFlags, report: Report): UserConfig {
  const recorded = report.properties.find((p) => p.verdict === 'fail')?.counterexample.policy;
  const rw = report.replayWith;
  const reportUrl = URL.canParse(report.target) && /^https?:/.test(report.target) ? report.target : undefined;
  // A URL target can be sent to again; an in-process app or a server the run started (and stopped) cannot.
  const kind = rw?.target ?? report.targetKind;
  const urlTarget = kind ? kind === 'url' : !file.target;
  const declared = report.declaredPolicy;
  return defined({
    target: flags.target ?? (urlTarget ? reportUrl : undefined),
    endpoints: flags.endpoint ?? rw?.endpoints ?? (file.endpoints ? undefined : endpointsFromReport(report)),
    audience: flags.audience ?? report.baseline.audience,
    profile: flags.profile ?? (report.profile in builtinProfiles ? report.profile : undefined),
    idp: defined({
      port: flags.idpPort ?? (rw?.target === 'url' ? (rw.idpPort ?? undefined) : undefined),
      keys: flags.keys ?? rw?.keysFile ?? undefined,
    }),
    baseline: { typ: report.baseline.typ },
    policy: defined({
      leeway: flags.leeway ?? declared?.leeway ?? recorded?.leeway ?? undefined,
      maxLifetime: flags.maxLifetime ?? declared?.maxLifetime ?? recorded?.maxLifetime ?? undefined,
      revocation: declared?.revocation ?? undefined,
    }),
    timeout: flags.timeout,
    scenarios: flags.scenarios,
    // What replay reads the report for; a config's OpenAPI document or expected failures are for runs.
    openapi: undefined,
    expectedFailures: undefined,
  });
}

const from = (flag: unknown, report: unknown): string =>
  flag !== undefined ? 'flag' : report !== undefined && report !== null ? 'report' : 'config';

/** One line: what replay targets and where each part came from, and the flags that override them. */
export function targetLine(config: ResolvedConfig, flags: ReplayFlags, report: Report): string {
  const t = config.target;
  const target = 'url' in t ? t.url : 'app' in t ? 'the in-process app of the config' : 'the server the config starts';
  const rw = report.replayWith;
  const targetFrom =
    flags.target !== undefined ? 'flag' : 'url' in t && (rw ? rw.target === 'url' : true) && t.url === report.target ? 'report' : 'config';
  const port = config.idp.port
    ? `port ${config.idp.port} (${from(flags.idpPort, rw?.target === 'url' ? rw.idpPort : undefined)})`
    : 'any free port';
  const keys = config.idp.keysFile ? `keys ${config.idp.keysFile} (${from(flags.keys, rw?.keysFile)})` : 'new keys';
  return (
    `replay: target ${target} (${targetFrom}), IdP on ${port} with ${keys}, profile ${config.profile.name} (${from(flags.profile, report.profile in builtinProfiles ? report.profile : undefined)}), ` +
    `${config.endpoints.length} endpoint${config.endpoints.length === 1 ? '' : 's'}; override with --target, --idp-port, --keys, --profile, --endpoint`
  );
}

function line(c: ReplayedCase): string {
  const what = c.kind === 'property' ? `property ${c.name}` : c.name;
  return `${c.mark.padEnd(13)}  ${what} on ${c.endpoint}${c.case ? ` (${c.case})` : ''}${c.detail ? ` - ${c.detail}` : ''}`;
}

export async function replayCommand(file: string, flags: ReplayFlags, out: Out): Promise<number> {
  const full = readReport(file);
  const only = flags.only;
  if (only?.length) {
    const named = new Set([...full.results.map((r) => r.scenario), ...full.properties.map((p) => p.property)]);
    const unknown = only.filter((id) => !named.has(id));
    if (unknown.length)
      throw new HarnessError(
        'ERR_SCENARIO_UNKNOWN',
        `--only ${unknown.join(', ')}: not in ${file}; name scenarios or properties the report lists`,
      );
  }
  const report = only?.length
    ? {
        ...full,
        results: full.results.filter((r) => only.includes(r.scenario)),
        properties: full.properties.filter((p) => only.includes(p.property)),
      }
    : full;
  const failing = failingCases(report);
  const total = failing.scenarios.length + failing.properties.length;
  if (total === 0) {
    out.log(`nothing to replay: ${file} records no failing case`);
    return 0;
  }
  const loaded = await loadConfigFile(flags.config);
  const kind = report.replayWith?.target;
  if (!flags.target && kind && kind !== 'url' && !loaded.config.target) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file} was run against a target its config ${kind === 'app' ? 'ran in process' : 'started'}, and no config here has one; pass that config with --config, or --target URL of the API`,
    );
  }
  const config = await resolveConfig(loaded.config, replayConfig(loaded.config, flags, report));
  const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir);
  out.log(targetLine(config, flags, report));
  out.log(`replaying ${total} failing case${total === 1 ? '' : 's'} of ${file}, each minted again relative to the clock of now`);
  const cases = await replay(report, config, {
    scenarios,
    onCase: (c) => {
      out.log(line(c));
      if (c.mark === 'STILL FAILING' && c.reproduce) out.log(`               Reproduce with: ${c.reproduce}`);
    },
  });
  const count = (mark: ReplayedCase['mark']): number => cases.filter((c) => c.mark === mark).length;
  out.log(`replay: ${count('FIXED')} fixed, ${count('STILL FAILING')} still failing, ${count('NOT REPLAYED')} not replayed (of ${total})`);
  return replayExitCode(cases);
}
