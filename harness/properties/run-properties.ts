/**
 * The property phase: for each endpoint and each family of mutations, fast-check generates cases from
 * a seed, each case is minted, sent and judged against the oracle (exercise.ts), and a failure is
 * shrunk to a minimal counterexample. `--runs N` cases per endpoint, shared among the families;
 * `--seed S` makes the run reproducible: each property's fast-check seed derives from S, the family and
 * the endpoint, and the cases depend only on the seed and the configuration, never on keys or the clock.
 * Properties run a few at a time (cases within one run in order), which changes no case and no verdict.
 */
import fc from 'fast-check';
import type { AnswerClass } from '../../scenarios/define.ts';
import type { ResolvedConfig } from '../config.ts';
import { endpointLabel, type Endpoint } from '../endpoint.ts';
import type { IdpSession } from '../idp-session.ts';
import type { PropertyCounterexample, PropertyResult } from '../report.ts';
import { curlFor } from '../reproduce.ts';
import type { Target } from '../target.ts';
import { exercise, type CaseEnv, type CaseOutcome } from './exercise.ts';
import { FAMILIES, shares, type Family } from './families.ts';
import { describeCase, type Mutation } from './mutation.ts';
import { policyFor } from './policy.ts';
import { stderrProgress, type Progress } from './progress.ts';
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

/**
 * Executions and milliseconds spent looking for a smaller counterexample before settling for the smallest
 * found so far: a hanging target costs a timeout per execution.
 */
const SHRINK_BUDGET = 400;
const SHRINK_MS = 60_000;

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

export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

class CaseFailure extends Error {
  constructor(readonly outcome: CaseOutcome) {
    super(outcome.failures.join('; '));
  }
}

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

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

export async function runProperties(config: ResolvedConfig, session: IdpSession, target: Target, hooks: PropertyHooks = {}): Promise<PropertyResult[]> {
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
  const leeway = session.idp.state.leeway;
  session.idp.state.leeway = config.policy.leewayBound;
  try {
    return await pool(plan, hooks.concurrency ?? 4, async (item) => {
      const result = await runOne(config, session, target, item, hooks, progress);
      progress?.finished();
      hooks.onProperty?.(result);
      return result;
    });
  } finally {
    session.idp.state.leeway = leeway;
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
  let fatal: unknown;
  let failed = false;
  let interrupted = false;
  let counted = 0;
  let shrinkRuns = 0;
  let shrinkUntil = Infinity;
  const property = fc.asyncProperty(item.family.arbitrary(item.space), async (mutations) => {
    if (fatal) throw fatal;
    if (hooks.signal?.aborted) {
      interrupted = true;
      return true;
    }
    // Past the budget every candidate "passes": fast-check then keeps the smallest failure found so far.
    if (failed && (++shrinkRuns > SHRINK_BUDGET || performance.now() > shrinkUntil)) return true;
    let outcome: CaseOutcome;
    try {
      outcome = await exercise(env, mutations);
    } catch (err) {
      fatal = err;
      throw err;
    }
    hooks.onCase?.({ property: item.family.name, endpoint: label, mutations, pass: outcome.pass, expected: outcome.expected, phase: failed ? 'shrink' : 'run' });
    if (!failed) {
      counted++;
      progress?.tick();
    }
    if (!outcome.pass) {
      if (!failed) shrinkUntil = performance.now() + SHRINK_MS;
      failed = true;
      throw new CaseFailure(outcome);
    }
    return true;
  });
  const details = await fc.check(property, { seed: item.seed, numRuns: item.runs });
  if (fatal) throw fatal;
  progress?.tick(item.runs - counted);
  const common = { property: item.family.name, endpoint: label, seed: item.seed, runs: details.numRuns };
  const failure = details.failed && details.errorInstance instanceof CaseFailure ? details.errorInstance.outcome : undefined;
  if (!failure) {
    if (details.failed) {
      // The property threw something else than a judged case: the harness's fault, not the target's.
      const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      return { ...common, path: details.counterexamplePath, verdict: 'error', counterexample: null, failures: [`harness error: ${message}`], reproduce: null };
    }
    if (interrupted) return { ...common, path: null, verdict: 'error', counterexample: null, failures: [`interrupted after ${counted} of ${item.runs} cases`], reproduce: null };
    return { ...common, path: null, verdict: 'pass', counterexample: null, failures: [], reproduce: null };
  }
  const token = failure.token;
  const counterexample: PropertyCounterexample = {
    mutations: [...failure.mutations],
    case: describeCase(failure.mutations),
    severity: failure.severity ?? 'minor',
    shrinks: details.numShrinks,
    scopes: [...item.endpoint.scopes],
    policy: { leeway: env.policy.leeway, maxLifetime: env.policy.maxLifetime, algorithms: [...env.policy.algorithms], typ: env.policy.typ },
    expected: { classes: failure.expected, reasons: failure.reasons },
    observed: failure.observed,
    header: token.header,
    claims: token.claims,
    ...(config.redactTokens ? {} : { token: token.token }),
  };
  return {
    ...common,
    path: details.counterexamplePath,
    verdict: 'fail',
    counterexample,
    failures: failure.failures,
    reproduce: curlFor(failure.probe, target.baseUrl, config.redactTokens),
  };
}
