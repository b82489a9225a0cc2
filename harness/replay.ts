/**
 * Replay: send every failing case of a report again and mark each FIXED or STILL FAILING.
 *
 * Nothing is re-sent byte for byte; every case is minted again, relative to the clock of the replay:
 * - a failing fixed case runs its scenario again on its endpoint (forged from the baseline of the moment);
 * - every distinct failure of a property (`distinctFailures`, each with its shrunk counterexample) is
 *   minted again from its recorded mutations (`counterexample.mutations`), time offsets relative to the
 *   replay's clock, and judged by the oracle as in the run.
 * Why: a token means what it means relative to when it is checked. The recorded token of "exp = now −
 * leeway" is, an hour later, an hour expired: re-sent, any API rejects it and it would pass as FIXED.
 * Even the baseline's exp is five minutes away. And a new IdP has new keys unless --keys kept them, so
 * the old signature would not verify either. The recorded token and curl stay in the report for a human.
 */
import type { Scenario } from '../scenarios/define.ts';
import type { ResolvedConfig } from './config.ts';
import { parseEndpoint } from './endpoint.ts';
import { endpointLabel, type Endpoint } from './core/endpoint.ts';
import { openIdpSession, type IdpSession } from './idp-session.ts';
import { exercise, type CaseOutcome } from './properties/exercise.ts';
import { policyFor } from './properties/policy.ts';
import { propertyFailures, type PropertyFailure, type PropertyResult, type Report, type ResultRow } from './report.ts';
import { curlFor } from './reproduce.ts';
import { requireBaseline } from './baseline.ts';
import { redactorFor } from './redact.ts';
import { isInProcess, openTarget } from './open-target.ts';
import { runScenario } from './run.ts';
import { EndpointSkipped, guardTarget } from './target-guard.ts';
import { bindingTarget } from './binding/target.ts';
import type { Target } from './target/index.ts';

export type ReplayMark = 'FIXED' | 'STILL FAILING' | 'NOT REPLAYED';

export interface ReplayedCase {
  kind: 'scenario' | 'property';
  /** Scenario id, or property name. */
  name: string;
  endpoint: string;
  /** A property failure's case in words (a property lists one case per distinct failure). */
  case?: string;
  mark: ReplayMark;
  /** Why it still fails, or why it was not replayed. */
  detail: string | null;
  reproduce: string | null;
}

/** One distinct failure of a property, to replay on its own. */
export interface FailingProperty {
  property: string;
  endpoint: string;
  failure: PropertyFailure;
}

export interface FailingCases {
  scenarios: ResultRow[];
  /** Every distinct failure of every failed property, worst first within a property. */
  properties: FailingProperty[];
}

/** A property's failures, each minted again from its counterexample's mutations (the report's schema checked them when it was read). */
function replayable(p: PropertyResult): FailingProperty[] {
  return propertyFailures(p).map((failure) => ({ property: p.property, endpoint: p.endpoint, failure }));
}

/** The cases to replay: fixed cases that failed or could not be judged, and every distinct property failure. */
export function failingCases(report: Report): FailingCases {
  return {
    scenarios: report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'error'),
    properties: report.properties.flatMap(replayable),
  };
}

/** Endpoints named in a report, with the scopes its property counterexamples recorded. */
export function endpointsFromReport(report: Report): Endpoint[] {
  const failures = report.properties.flatMap(replayable);
  return report.endpoints.map((label) => {
    const endpoint = parseEndpoint(label);
    const recorded = failures.find((f) => f.endpoint === label);
    return { ...endpoint, scopes: recorded ? [...recorded.failure.counterexample.scopes] : [] };
  });
}

/** 0 every case is fixed; 1 some still fail; 2 some could not be replayed (and none still fails). */
export function replayExitCode(cases: readonly ReplayedCase[]): 0 | 1 | 2 {
  if (cases.some((c) => c.mark === 'STILL FAILING')) return 1;
  return cases.some((c) => c.mark === 'NOT REPLAYED') ? 2 : 0;
}

export interface ReplayHooks {
  onCase?(c: ReplayedCase): void;
  /** The scenarios a fixed case may name (the catalogue plus the user's). */
  scenarios: readonly Scenario[];
}

export async function replay(report: Report, config: ResolvedConfig, hooks: ReplayHooks): Promise<ReplayedCase[]> {
  const failing = failingCases(report);
  const out: ReplayedCase[] = [];
  const session = await openIdpSession(config, isInProcess(config));
  // As in a run: valid tokens clipped, and with redactTokens every token named, in every line printed.
  const { redactor, stop } = redactorFor(config, session);
  const emit = (c: ReplayedCase): void => {
    const shown = { ...c, detail: c.detail && redactor.text(c.detail), reproduce: c.reproduce && redactor.text(c.reproduce) };
    out.push(shown);
    hooks.onCase?.(shown);
  };
  let target: Target | undefined;
  try {
    target = guardTarget(bindingTarget(await openTarget(config, session.env, undefined, session.mtls), session.dpop), {
      maxTimeouts: config.maxTimeouts,
      onSend: (probe) => redactor.send(probe),
    });
    await requireBaseline(config, session, target);
    for (const row of failing.scenarios) emit(await replayScenario(config, session, target, row, hooks.scenarios));
    // As the run did (harness/properties/run-properties.ts): the IdP tolerates the skew the API is held to.
    const snapshot = session.idp.snapshot();
    session.idp.state.leeway = config.policy.leewayBound;
    try {
      for (const p of failing.properties) emit(await replayProperty(config, session, target, p));
    } finally {
      session.idp.restore(snapshot);
    }
  } finally {
    stop();
    await target?.close().catch(() => {});
    await session.close();
  }
  return out;
}

function endpointOf(config: ResolvedConfig, label: string): Endpoint | undefined {
  return config.endpoints.find((e) => endpointLabel(e) === label);
}

async function replayScenario(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  row: ResultRow,
  scenarios: readonly Scenario[],
): Promise<ReplayedCase> {
  const base = { kind: 'scenario' as const, name: row.scenario, endpoint: row.endpoint };
  const scenario = scenarios.find((s) => s.id === row.scenario);
  if (!scenario)
    return {
      ...base,
      mark: 'NOT REPLAYED',
      detail: `no scenario "${row.scenario}" any more (a user scenario? pass --config or --scenarios)`,
      reproduce: null,
    };
  const endpoint = endpointOf(config, row.endpoint);
  if (!endpoint) return { ...base, mark: 'NOT REPLAYED', detail: `the configuration has no endpoint ${row.endpoint}`, reproduce: null };
  const again = await runScenario(config, session, target, scenario, endpoint);
  if (again.verdict === 'pass') return { ...base, mark: 'FIXED', detail: null, reproduce: null };
  if (again.verdict === 'fail') return { ...base, mark: 'STILL FAILING', detail: again.failures[0] ?? null, reproduce: again.reproduce };
  return {
    ...base,
    mark: 'NOT REPLAYED',
    detail: again.verdict === 'skip' ? `skipped: ${again.skipReason}` : `not judgeable: ${again.error}`,
    reproduce: null,
  };
}

async function replayProperty(config: ResolvedConfig, session: IdpSession, target: Target, p: FailingProperty): Promise<ReplayedCase> {
  const ce = p.failure.counterexample;
  const base = { kind: 'property' as const, name: p.property, endpoint: p.endpoint, case: ce.case };
  const endpoint = endpointOf(config, p.endpoint) ?? { ...parseEndpoint(p.endpoint), scopes: [...ce.scopes] };
  let outcome: CaseOutcome;
  try {
    outcome = await exercise(
      { config, idp: session.idp, target, endpoint, policy: policyFor(config, session.idp, endpoint) },
      ce.mutations,
    );
  } catch (err) {
    if (err instanceof EndpointSkipped) return { ...base, mark: 'NOT REPLAYED', detail: err.message, reproduce: null };
    throw err;
  }
  if (outcome.pass) return { ...base, mark: 'FIXED', detail: null, reproduce: null };
  return { ...base, mark: 'STILL FAILING', detail: outcome.failures[0] ?? null, reproduce: curlFor(outcome.probe, target.baseUrl) };
}
