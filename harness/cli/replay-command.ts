/**
 * `gauntlet replay report.json [--target URL] [--config FILE]`: replay every failing case of a report
 * (harness/replay.ts) and print FIXED or STILL FAILING for each. Exit 0 all fixed, 1 some still fail,
 * 2 nothing could be replayed (bad report, config, target or baseline) or some case could not be.
 *
 * The target, endpoints and policy come from the config file and flags, as for `run`; what they leave
 * open comes from the report (its target URL, endpoints, audience, baseline typ, profile and the policy
 * its properties were judged by), so `gauntlet replay report.json --target URL` works on its own.
 */
import { loadConfigFile, resolveConfig, type UserConfig } from '../config.ts';
import { scenariosFor } from '../load-scenarios.ts';
import type { Report } from '../report.ts';
import { readReport } from '../report/read.ts';
import { endpointsFromReport, failingCases, replay, replayExitCode, type ReplayedCase } from '../replay.ts';
import { builtinProfiles } from '../../scenarios/profiles/index.ts';
import type { Out } from './out.ts';

export interface ReplayFlags {
  config?: string;
  target?: string;
  endpoint?: string[];
  audience?: string;
  idpPort?: number;
  keys?: string;
  timeout?: number;
  scenarios?: string[];
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Flags, then the report for whatever the config file leaves unset. */
export function replayConfig(file: UserConfig, flags: ReplayFlags, report: Report): UserConfig {
  const recorded = report.properties.find((p) => p.verdict === 'fail')?.counterexample.policy;
  // A URL target can be sent to again; an in-process app or a server the run started (and stopped) cannot.
  const fromReport = (report.targetKind ?? (URL.canParse(report.target) ? 'url' : 'app')) === 'url' ? report.target : undefined;
  return defined({
    target: flags.target ?? (file.target ? undefined : fromReport),
    endpoints: flags.endpoint ?? (file.endpoints ? undefined : endpointsFromReport(report)),
    audience: flags.audience ?? (file.audience ? undefined : report.baseline.audience),
    profile: file.profile || !(report.profile in builtinProfiles) ? undefined : report.profile,
    idp: defined({ port: flags.idpPort, keys: flags.keys }),
    baseline: file.baseline?.typ ? {} : { typ: report.baseline.typ },
    policy: defined({
      leeway: file.policy?.leeway === undefined ? (recorded?.leeway ?? undefined) : undefined,
      maxLifetime: file.policy?.maxLifetime === undefined ? (recorded?.maxLifetime ?? undefined) : undefined,
    }),
    timeout: flags.timeout,
    scenarios: flags.scenarios,
  });
}

function line(c: ReplayedCase): string {
  const what = c.kind === 'property' ? `property ${c.name}` : c.name;
  return `${c.mark.padEnd(13)}  ${what} on ${c.endpoint}${c.case ? ` (${c.case})` : ''}${c.detail ? ` - ${c.detail}` : ''}`;
}

export async function replayCommand(file: string, flags: ReplayFlags, out: Out): Promise<number> {
  const report = readReport(file);
  const failing = failingCases(report);
  const total = failing.scenarios.length + failing.properties.length;
  if (total === 0) {
    out.log(`nothing to replay: ${file} records no failing case`);
    return 0;
  }
  const loaded = await loadConfigFile(flags.config);
  const config = await resolveConfig(loaded.config, replayConfig(loaded.config, flags, report));
  const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir);
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
