/**
 * The property phase: for each endpoint and each family of mutations, fast-check generates cases from
 * a seed, each case is minted, sent and judged against the oracle (exercise.ts). A property keeps
 * looking past its first failure (search.ts) and lists its distinct failures (failure-class.ts), worst
 * first, each shrunk to a minimal counterexample with its own path. `--runs N` cases per endpoint, shared among the families;
 * `--seed S` makes the run reproducible: each property's fast-check seed derives from S, the family and
 * the endpoint, and the cases depend only on the seed and the configuration, never on keys or the clock.
 * Properties run a few at a time (cases within one run in order), which changes no case and no verdict.
 */
import type { AnswerClass } from '../core/answer.ts';
import { inPool } from '../engine/concurrency.ts';
import type { ResolvedConfig } from '../config.ts';
import { endpointLabel, type Endpoint } from '../core/endpoint.ts';
import { freshSeed } from './seed.ts';
import type { IdpSession } from '../idp-session.ts';
import type { PropertyCounterexample, PropertyFailure, PropertyResult } from '../report.ts';
import { curlFor } from '../reproduce.ts';
import type { Target } from '../target/index.ts';
import { exercise, type CaseEnv, type CaseOutcome } from './exercise.ts';
import { failureClass } from './failure-class.ts';
import { FAMILIES, shares, type Family } from './families.ts';
import { describeCase, type Mutation } from './mutation.ts';
import { policyFor } from './policy.ts';
import { stderrProgress, type Progress } from './progress.ts';
import { search, type Found, type Judged } from './search.ts';
import { EndpointSkipped } from '../target-guard.ts';
import { caseSpace, type CaseSpace } from './space.ts';

export interface CaseEvent {
  property: string;
  endpoint: string;
  mutations: readonly Mutation[];
  pass: boolean;
  expected: AnswerClass[];
  /** `run` while generating; `shrink` while looking for a smaller counterexample. */
  phase: 'run' | 'shrink';
}

export interface PropertyHooks {
  /** Stop sending between cases; unfinished properties end as errors ("interrupted"). */
  signal?: AbortSignal;
  /** Default: on stderr (a bar on a terminal, a line every few seconds otherwise); null for none. */
  progress?: Progress | null;
  onCase?(event: CaseEvent): void;
  onProperty?(result: PropertyResult): void;
  /** Properties run at once (default 4). */
  concurrency?: number;
}

interface Planned {
  family: Family;
  endpoint: Endpoint;
  space: CaseSpace;
  runs: number;
  seed: number;
}

/** FNV-1a: a property's seed from the run's seed, its family and its endpoint. */
export function propertySeed(runSeed: number, family: string, endpoint: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${runSeed}|${family}|${endpoint}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export { freshSeed };

/** The property plan of a run: which properties, how many cases each, which seed. */
export function planProperties(config: ResolvedConfig, runSeed: number): Planned[] {
  return config.endpoints.flatMap((endpoint) => {
    const space = caseSpace(config, endpoint);
    return shares(
      FAMILIES.filter((f) => f.applies(space)),
      config.runs,
    ).map(({ family, runs }) => ({ family, endpoint, space, runs, seed: propertySeed(runSeed, family.name, endpointLabel(endpoint)) }));
  });
}

export async function runProperties(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  hooks: PropertyHooks = {},
): Promise<PropertyResult[]> {
  if (config.runs <= 0) return [];
  const runSeed = config.seed ?? freshSeed();
  const plan = planProperties(config, runSeed);
  const progress = hooks.progress === undefined ? stderrProgress() : hooks.progress;
  progress?.start(
    plan.reduce((n, p) => n + p.runs, 0),
    plan.length,
  );
  // Leeway stands for the skew between IdP and API clocks: an introspecting API must not hear "inactive"
  // for a token its own leeway still accepts (as in the exp-boundary scenario).
  const snapshot = session.idp.snapshot();
  session.idp.state.leeway = config.policy.leewayBound;
  try {
    return await inPool(plan, hooks.concurrency ?? 4, async (item) => {
      const result = await runOne(config, session, target, item, hooks, progress);
      progress?.finished();
      hooks.onProperty?.(result);
      return result;
    });
  } finally {
    session.idp.restore(snapshot);
    progress?.done();
  }
}

async function runOne(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  item: Planned,
  hooks: PropertyHooks,
  progress: Progress | null,
): Promise<PropertyResult> {
  const label = endpointLabel(item.endpoint);
  const env: CaseEnv = { config, idp: session.idp, target, endpoint: item.endpoint, policy: policyFor(config, session.idp, item.endpoint) };
  const result = await search<Mutation[], CaseOutcome>({
    arbitrary: item.family.arbitrary(item.space),
    seed: item.seed,
    runs: item.runs,
    signal: hooks.signal,
    onRun: () => progress?.tick(),
    judge: async (mutations, phase): Promise<Judged<CaseOutcome>> => {
      let outcome: CaseOutcome;
      try {
        outcome = await exercise(env, mutations);
      } catch (err) {
        // The endpoint stopped answering (the run's one count of consecutive timeouts): no case is sent any more.
        if (err instanceof EndpointSkipped) return { halt: err.message };
        throw err;
      }
      hooks.onCase?.({ property: item.family.name, endpoint: label, mutations, pass: outcome.pass, expected: outcome.expected, phase });
      return { outcome, failure: failureClass(outcome) };
    },
  });
  progress?.tick(item.runs - result.sent);
  const common = { property: item.family.name, endpoint: label, seed: item.seed, runs: result.sent };
  const none = { counterexample: null, distinctFailures: [], reproduce: null };
  if (result.harnessError) {
    // The property threw something else than a judged case: the harness's fault, not the target's.
    return {
      ...common,
      ...none,
      path: result.harnessError.path,
      verdict: 'error',
      failures: [`harness error: ${result.harnessError.message}`],
    };
  }
  const stopped = result.halted ? [`stopped after ${result.sent} of ${item.runs} cases: ${result.halted}`] : [];
  if (result.found.length === 0) {
    if (result.interrupted)
      return { ...common, ...none, path: null, verdict: 'error', failures: [`interrupted after ${result.sent} of ${item.runs} cases`] };
    if (result.halted) return { ...common, ...none, path: null, verdict: 'error', failures: stopped };
    return { ...common, ...none, path: null, verdict: 'pass', failures: [] };
  }
  const listed = result.found.map((f) => propertyFailure(config, env, f));
  const worst = listed[0]!;
  return {
    ...common,
    path: worst.path,
    verdict: 'fail',
    counterexample: worst.counterexample,
    distinctFailures: listed,
    failures: [...listed.flatMap((f) => f.failures), ...stopped],
    reproduce: worst.reproduce,
  };
}

function propertyFailure(config: ResolvedConfig, env: CaseEnv, f: Found<Mutation[], CaseOutcome>): PropertyFailure {
  const { outcome } = f;
  const token = outcome.token;
  const counterexample: PropertyCounterexample = {
    mutations: [...outcome.mutations],
    case: describeCase(outcome.mutations),
    severity: f.failure.severity,
    shrinks: f.shrinks,
    scopes: [...env.endpoint.scopes],
    policy: { leeway: env.policy.leeway, maxLifetime: env.policy.maxLifetime, algorithms: [...env.policy.algorithms], typ: env.policy.typ },
    expected: { classes: outcome.expected, reasons: outcome.reasons },
    observed: outcome.observed,
    header: token.header,
    claims: token.claims,
    // Named or clipped by the run's redactor, over the finished result (harness/redact.ts).
    token: token.token,
  };
  return {
    severity: f.failure.severity,
    answer: f.failure.answer,
    rules: f.failure.rules,
    path: f.path,
    failures: outcome.failures,
    reproduce: curlFor(outcome.probe, env.target.baseUrl),
    counterexample,
  };
}
