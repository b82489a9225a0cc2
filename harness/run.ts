/**
 * The engine: config -> Report, with no vitest needed. Starts the IdP, proves the baseline is
 * accepted on every endpoint (else nothing else would mean anything), then replays each scenario on
 * each endpoint and judges the answers. The CLI and the vitest entry are thin doors onto this.
 */
import { scenarioEnv } from './core/env.ts';
import { formatReason } from './core/token-format.ts';
import type { ForgedToken } from '../mocks/idp/mint.ts';
import type { Scenario, ScenarioContext, Variant } from '../scenarios/define.ts';
import type { AnswerClass } from './core/answer.ts';
import type { IfAccepted } from './core/if-accepted.ts';
import type { ProbeSpec } from './core/probe-spec.ts';
import { MockIdp } from '../mocks/idp/idp.ts';
import { resolveExpectation } from '../scenarios/profiles/profile.ts';
import type { Expectation } from './core/expectation.ts';
import { describeStatus } from './core/status.ts';
import type { Finding } from './core/finding.ts';
import type { ResolvedConfig } from './config.ts';
import { endpointLabel, type Endpoint } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';
import { openIdpSession, type IdpSession } from './idp-session.ts';
import { judge, type Judgement } from './judge.ts';
import { describeAuditSource, readAuditCode } from './observe/audit.ts';
import { observe, truncationNote } from './observe/observation.ts';
import { type Observation } from './core/observation.ts';
import { measurePolicy } from './policy/measure.ts';
import { declaredPolicy } from './policy/declared.ts';
import type { ObservedPolicy } from './core/observed-policy.ts';
import { buildProbe } from './probe.ts';
import { freshSeed } from './properties/seed.ts';
import { summarize, type PropertyResult, type Report, type ResultRow, type RunStop } from './report.ts';
import { NoHttpAnswer, TargetTimeout, type Target } from './target/index.ts';
import { checkBaseline, diagnoseBaseline } from './baseline.ts';
import { redactorFor } from './redact.ts';
import { guardTarget } from './target-guard.ts';
import { bindingTarget } from './binding/target.ts';
import { forTokenType } from './binding/expectation.ts';
import { placeOptions } from './place.ts';
import { isInProcess, openTarget } from './open-target.ts';
import { asList, baseRow, toRow, type Sent } from './fold-rows.ts';
import { scenarioContext } from './scenario-context.ts';
import { VERSION } from './version.ts';
import { schedule, unitsOf } from './engine/schedule.ts';

export interface RunHooks {
  /** Called as each result is judged (live output). */
  onResult?(row: ResultRow): void;
  /** Abort between probes: the report holds what finished and says `partial: true`. */
  signal?: AbortSignal;
  /** Called as each property finishes (live output). */
  onProperty?(result: PropertyResult): void;
}

export async function run(config: ResolvedConfig, scenarios: readonly Scenario[], hooks: RunHooks = {}): Promise<Report> {
  const startedAt = new Date().toISOString();
  const session = await openIdpSession(config, isInProcess(config));
  let target: Target | undefined;
  const results: ResultRow[] = [];
  let properties: PropertyResult[] = [];
  // The seed is fixed before the run so that the report names the one that reproduces it.
  const seed = config.runs > 0 ? (config.seed ?? freshSeed()) : (config.seed ?? null);
  let stop: RunStop | null = null;
  let observedPolicy: ObservedPolicy | undefined;
  // Knows every credential sent: the report, and every row and property printed live, go through it.
  const { redactor, stop: stopMinting } = redactorFor(config, session);
  const judged = (row: ResultRow): void => {
    results.push(row);
    hooks.onResult?.(redactor.row(row));
  };
  try {
    const guarded = guardTarget(bindingTarget(await openTarget(config, session.env, hooks.signal, session.mtls), session.dpop), {
      maxTimeouts: config.maxTimeouts,
      onSend: (probe) => redactor.send(probe),
    });
    target = guarded;
    const refusal = await checkBaseline(config, session, target);
    if (refusal) {
      // Nothing can be judged against a profile, but a forgery this API accepts is still a hole.
      stop = { cause: 'baseline-refused', message: await diagnoseBaseline(config, session, target, refusal) };
      await runScenarios(
        config,
        session,
        target,
        scenarios.filter((s) => s.withoutBaseline),
        { acceptanceOnly: true },
        judged,
        hooks.signal,
      );
    } else {
      // From here on every exit writes what was judged: a target that goes away stops the run, it loses nothing.
      try {
        observedPolicy = await measurePolicy(config, session, target);
        guarded.forgive();
        await runScenarios(
          config,
          session,
          target,
          scenarios.filter((s) => !s.runsLast),
          { observed: observedPolicy },
          judged,
          hooks.signal,
        );
        if (config.runs > 0 && !hooks.signal?.aborted) {
          // fast-check and the property code load only when properties run, after the fixed scenarios.
          const { runProperties } = await import('./properties/run-properties.ts');
          properties = await runProperties({ ...config, seed: seed ?? undefined }, session, target, {
            signal: hooks.signal,
            onProperty: (p) => hooks.onProperty?.(redactor.property(p)),
          });
        }
        // After every attack (baseline-after): is a valid token still accepted?
        const last = scenarios.filter((s) => s.runsLast);
        if (last.length > 0 && !hooks.signal?.aborted)
          await runScenarios(config, session, target, last, { observed: observedPolicy }, judged, hooks.signal);
        if (hooks.signal?.aborted) stop = { cause: 'interrupted', message: 'interrupted: the reports hold what finished' };
      } catch (err) {
        stop = stopFor(err);
      }
    }
  } catch (err) {
    // Ctrl-C during the baseline: nothing judged, but the reports still say so.
    if (!isInterruption(err)) throw err;
    stop = stopFor(err);
  } finally {
    stopMinting();
    await target?.close().catch(() => {});
    await session.close();
  }
  return redactor.report({
    schemaVersion: 1,
    tool: { name: 'token-gauntlet', version: VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    partial: stop !== null,
    stop,
    target: target?.describe ?? '',
    targetKind: config.target.kind,
    profile: config.profile.name,
    idp: { issuer: session.env.issuer, jwks_uri: session.env.jwksUri },
    baseline: {
      alg: session.idp.minter.shape.alg,
      typ: session.idp.minter.shape.typ,
      audience: config.audience,
      accepted: stop?.cause !== 'baseline-refused',
    },
    endpoints: config.endpoints.map(endpointLabel),
    seed,
    declaredPolicy: declaredPolicy(config.policy),
    ...(observedPolicy ? { observedPolicy } : {}),
    summary: summarize(results, properties),
    results,
    properties,
  });
}

function isInterruption(err: unknown): boolean {
  return err instanceof HarnessError && err.code === 'ERR_INTERRUPTED';
}

/** Why a run that had started judging stopped early: the target went away, or the harness failed. */
function stopFor(err: unknown): RunStop {
  if (isInterruption(err)) return { cause: 'interrupted', message: 'interrupted: the reports hold what finished' };
  if (err instanceof HarnessError && err.code === 'ERR_TARGET_UNREACHABLE')
    return { cause: 'target-lost', message: `the target went away mid-run: ${err.message}` };
  if (err instanceof HarnessError) return { cause: 'harness-error', message: err.message };
  return { cause: 'harness-error', message: `unexpected error: ${err instanceof Error ? err.message : String(err)}` };
}

export { checkBaseline, isInProcess, openTarget, placeOptions };

export interface ScenarioRunOptions {
  /**
   * The baseline was refused: only acceptance can be judged (any refusal passes, since this API refuses
   * everything), and an accepted forgery is still a finding.
   */
  acceptanceOnly?: boolean;
  /** What the API was measured to enforce, for a scenario's reason to skip (the residual risk). */
  observed?: ObservedPolicy;
  /**
   * Other scenarios run meanwhile: the IdP is not restored after this one (that would undo theirs; the
   * scheduler restores it once they have all finished), only checked for changes every token sees.
   */
  besideOthers?: boolean;
}

/** A refusal of any kind: what an API that refuses every token can still be judged by. */
const ANY_REFUSAL: Expectation = { status: [] };

/**
 * Every scenario on every endpoint, `config.concurrency` units side by side (harness/engine/schedule.ts),
 * each row handed to `judged` in catalogue order.
 */
async function runScenarios(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  scenarios: readonly Scenario[],
  options: ScenarioRunOptions,
  judged: (row: ResultRow) => void,
  signal?: AbortSignal,
): Promise<void> {
  // Exclusive units restore the IdP themselves, so this is also how it stands before each run of units side by side.
  const before = session.idp.snapshot();
  await schedule(unitsOf(scenarios, config.endpoints), {
    concurrency: config.concurrency,
    signal,
    onRows: (rows) => rows.forEach(judged),
    run: (unit, alone) => runScenarioOn(config, session, target, unit.scenario, unit.endpoints, { ...options, besideOthers: !alone }),
    settle: () => session.idp.restore(before),
  });
}

export async function runScenario(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  scenario: Scenario,
  endpoint: Endpoint,
  options: ScenarioRunOptions = {},
): Promise<ResultRow> {
  return (await runScenarioOn(config, session, target, scenario, [endpoint], options))[0]!;
}

/** One scenario × endpoint on its way: its context, what `setup` returned, its variants in sending order. */
interface Unit {
  base: ResultRow;
  ctx: ScenarioContext;
  state?: unknown;
  variants: Variant[];
  sent: Sent[];
  control?: Observation;
  /** Set up (so `cleanup` is owed). */
  setUp: boolean;
  /** The row, once decided early (skipped, or a harness error). */
  row?: ResultRow;
}

/**
 * One scenario on one or more endpoints, inside one IdP snapshot: the engine copies the IdP's state
 * before `setup` and puts it back after `cleanup`, whatever happened (a throw, a timeout, an
 * interruption). With several endpoints (an exclusive scenario) they go side by side, variant by
 * variant: every endpoint's first variant, then every endpoint's second, so that a stall is waited
 * out once for all of them. A scenario not marked exclusive that changed IdP state every token sees
 * gets an error row: run beside others, it would have changed their verdicts.
 */
export async function runScenarioOn(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  scenario: Scenario,
  endpoints: readonly Endpoint[],
  options: ScenarioRunOptions = {},
): Promise<ResultRow[]> {
  const { idp } = session;
  const before = idp.snapshot();
  const units: Unit[] = [];
  let fatal: unknown;
  try {
    for (const endpoint of endpoints) {
      const base = baseRow(config, scenario, endpoint);
      const env = scenarioEnv(config);
      const skipReason = formatReason(scenario.formats, env.format) ?? scenario.skip?.(endpoint, env, options.observed);
      const unit: Unit = { base, ctx: scenarioContext(config, session.idp, endpoint), variants: [], sent: [], setUp: false };
      if (skipReason) unit.row = { ...base, verdict: 'skip', skipReason };
      units.push(unit);
    }
    await each(units, async (u) => {
      u.setUp = true;
      u.state = await scenario.setup?.(u.ctx);
      const variants = asList(await scenario.probes(u.ctx, u.state));
      // The control goes first, so every other variant can be compared with it.
      u.variants = [...variants.filter((s) => s.control), ...variants.filter((s) => !s.control)];
    });
    const width = Math.max(0, ...units.map((u) => u.variants.length));
    for (let i = 0; i < width; i++) {
      const now = units.filter((u) => !u.row && u.variants[i]);
      for (const u of now) {
        try {
          await u.variants[i]!.before?.(u.ctx, u.state);
        } catch (err) {
          fail(u, err);
        }
      }
      await each(now, async (u) => {
        const spec = u.variants[i]!;
        const one = await sendOne(config, session, target, scenario, u, spec, options);
        if (spec.control) u.control = one.obs;
        u.sent.push(one);
      });
    }
  } catch (err) {
    fatal = err;
  } finally {
    for (const u of units) if (u.setUp) await scenario.cleanup?.(u.ctx, u.state).catch(() => {});
    const changed = scenario.exclusive ? undefined : MockIdp.sharedChanges(before, idp.snapshot());
    if (!options.besideOthers) idp.restore(before);
    // eslint-disable-next-line no-unsafe-finally -- the catch above took every error; this rethrows it once cleanup and restore are done
    if (fatal) throw fatal;
    if (changed) {
      const message = `scenario ${scenario.id} changed IdP state every token sees (${changed}) without being marked exclusive; set exclusive: true, or change only its own tokens' facts (idp.state.faultToken)`;
      for (const u of units)
        if (!u.row || u.row.verdict !== 'skip')
          u.row = { ...u.base, verdict: 'error', error: message, failures: [`harness error: ${message}`] };
    }
  }
  return units.map((u) => {
    if (u.row) return u.row;
    const row = toRow(config, u.base, target, u.sent);
    return options.acceptanceOnly ? { ...row, notes: [...(row.notes ?? []), ACCEPTANCE_ONLY_NOTE] } : row;
  });

  /** Run `step` on every live unit side by side; a scenario's own error becomes that unit's error row. */
  async function each(list: Unit[], step: (u: Unit) => Promise<void>): Promise<void> {
    const outcomes = await Promise.allSettled(
      list
        .filter((u) => !u.row)
        .map(async (u) => {
          try {
            await step(u);
          } catch (err) {
            if (isFatal(err)) throw err;
            fail(u, err);
          }
        }),
    );
    const thrown = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (thrown) throw thrown.reason;
  }

  function fail(u: Unit, err: unknown): void {
    if (isFatal(err)) throw err;
    u.row = { ...u.base, verdict: 'error', error: (err as Error).message, failures: [`harness error: ${(err as Error).message}`] };
  }
}

/** Errors that stop the run rather than one row: the target went away, or the user interrupted. */
function isFatal(err: unknown): boolean {
  return err instanceof HarnessError && (err.code === 'ERR_TARGET_UNREACHABLE' || err.code === 'ERR_INTERRUPTED');
}

const ACCEPTANCE_ONLY_NOTE = 'the baseline was refused, so only acceptance was judged: any refusal passes';

/** Words for what was accepted when a scenario does not say: no credentials, or a token it must reject. */
function ifAcceptedFor(scenario: Scenario, spec: ProbeSpec): IfAccepted | undefined {
  if (spec.ifAccepted ?? scenario.ifAccepted) return spec.ifAccepted ?? scenario.ifAccepted;
  if (spec.credential.kind === 'none') return { severity: 'critical', means: 'a request without credentials' };
  return undefined;
}

async function sendOne(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  scenario: Scenario,
  unit: Pick<Unit, 'ctx' | 'state' | 'control'>,
  spec: ProbeSpec,
  options: ScenarioRunOptions,
): Promise<Sent> {
  const { ctx, control } = unit;
  const classes = asList(spec.expect ?? scenario.expect);
  const mustAccept = classes.includes('OK');
  const probe = buildProbe(scenario.id, spec, ctx.endpoint, classes, placeOptions(config));
  const expectations =
    options.acceptanceOnly && !mustAccept
      ? [ANY_REFUSAL]
      : classes.map((c) => forTokenType(resolveExpectation(config.profile, scenario, c), config.tokenType, probe));
  const since = session.idp.state.journal.at(-1)?.seq ?? 0;
  try {
    const raw = await target.send(probe, config.timeoutMs);
    const obs = observe(raw);
    obs.auditSource = describeAuditSource(config.audit);
    obs.auditCode = await readAuditCode(obs, config.audit, {
      requestId: probe.requestId,
      jti: jtiOf(probe.token),
      sink: session.idp.state.audit,
      // A late log line or sink event is waited for only when an expectation checks the code.
      wait: expectations.some((e) => !e.accept && !!e.auditCode?.length),
    });
    const extra: Finding[] =
      scenario.inspect && !options.acceptanceOnly ? await scenario.inspect(ctx, obs, since, spec.control ? obs : control, unit.state) : [];
    const judgement = judge(obs, expectations, {
      credential: probe.credential,
      what: spec.label ?? 'the request',
      extra,
      ifAccepted: ifAcceptedFor(scenario, spec),
    });
    if (obs.truncated !== undefined) judgement.notes = [...(judgement.notes ?? []), truncationNote(obs.truncated)];
    return { spec, probe, obs, judgement };
  } catch (err) {
    if (err instanceof TargetTimeout) {
      const finding: Finding = {
        check: 'timeout',
        severity: 'major',
        message: `the target did not answer within ${err.timeoutMs} ms (it must fail fast and closed)`,
      };
      return { spec, probe, judgement: { verdict: 'fail', severity: 'major', findings: [finding], expectation: expectations[0]! } };
    }
    if (err instanceof NoHttpAnswer) return { spec, probe, noAnswer: err, judgement: judgeNoAnswer(err, classes, expectations[0]!) };
    if (err instanceof HarnessError) throw err;
    // A request the HTTP client refuses to send (e.g. a line break in a header) cannot be judged.
    return { spec, probe, error: (err as Error).message, judgement: { verdict: 'error', findings: [], expectation: expectations[0]! } };
  }
}

/**
 * The connection ended without an HTTP answer. Where any refusal will do (REJECT: a 64 KB header, which
 * a stock Node server answers with 431 and a close that often arrives before the 431 is read), closing
 * the connection is a refusal; elsewhere the client is owed an HTTP answer.
 */
function judgeNoAnswer(err: NoHttpAnswer, classes: readonly AnswerClass[], expectation: Expectation): Judgement {
  if (classes.includes('REJECT') || (expectation.status.length === 0 && !expectation.accept)) {
    return {
      verdict: 'pass',
      findings: [],
      expectation,
      notes: [`refused by ending the connection: ${err.message}; counted as a refusal`],
    };
  }
  const finding: Finding = {
    check: 'connection',
    severity: 'major',
    message: `${err.message}: the client is owed an HTTP answer (${expectation.accept ? '2xx' : describeStatus(expectation.status)})`,
  };
  return { verdict: 'fail', severity: 'major', findings: [finding], expectation };
}

function jtiOf(token: ForgedToken | undefined): string | undefined {
  const jti = token?.claims.jti;
  return typeof jti === 'string' ? jti : undefined;
}
