/**
 * Row folding: the variants one scenario sent on one endpoint, each judged, folded into one
 * `ResultRow` (the worst variant speaks for it), and the row a scenario starts from. Used by the run
 * and, through it, by replay.
 */
import type { Scenario } from '../scenarios/define.ts';
import { resolveExpectation } from '../scenarios/profiles/profile.ts';
import type { AnswerClass } from './core/answer.ts';
import type { Expectation } from './core/expectation.ts';
import type { ProbeSpec } from './core/probe-spec.ts';
import { toRef } from './core/ref.ts';
import type { Observation } from './core/observation.ts';
import type { ResolvedConfig } from './config.ts';
import { endpointLabel, type Endpoint } from './core/endpoint.ts';
import type { Judgement } from './judge.ts';
import type { Probe } from './probe.ts';
import type { ExpectedAnswer, ResultRow } from './report.ts';
import { curlFor, MAX_CREDENTIAL_IN_REPORT } from './reproduce.ts';
import type { NoHttpAnswer, Target } from './target/index.ts';

export function asList<T>(v: T | readonly T[]): T[] {
  return Array.isArray(v) ? [...v] : [v as T];
}

/** One variant sent and judged. */
export interface Sent {
  spec: ProbeSpec;
  probe: Probe;
  obs?: Observation;
  /** The connection ended without an HTTP answer. */
  noAnswer?: NoHttpAnswer;
  judgement: Judgement;
  error?: string;
}

export function expectedAnswer(classes: AnswerClass[], exp: Expectation): ExpectedAnswer {
  return {
    classes,
    status: exp.accept ? '2xx' : exp.status,
    error: exp.challenge?.error ?? null,
    message: exp.message?.template ?? exp.message?.pattern ?? null,
    auditCode: exp.auditCode ?? null,
  };
}

export function baseRow(config: ResolvedConfig, scenario: Scenario, endpoint: Endpoint): ResultRow {
  const classes = asList(scenario.expect);
  return {
    scenario: scenario.id,
    title: scenario.title,
    endpoint: endpointLabel(endpoint),
    category: scenario.category,
    severity: null,
    refs: scenario.refs.map(toRef),
    verdict: 'pass',
    expected: expectedAnswer(classes, resolveExpectation(config.profile, scenario, classes[0]!)),
    observed: null,
    failures: [],
    findings: [],
    reproduce: null,
    resolution: scenario.resolution,
    token: null,
    variants: [],
  };
}

/** Fold the variants of one scenario × endpoint into one row: the worst variant speaks for it. */
export function toRow(config: ResolvedConfig, base: ResultRow, target: Target, sent: Sent[]): ResultRow {
  const failing = sent.filter((s) => s.judgement.verdict === 'fail');
  const errored = sent.filter((s) => s.judgement.verdict === 'error');
  // A passing row shows a variant judged by the scenario's own expectation: not a step it needs accepted first (a key used before it is retired).
  const shown = failing.sort((a, b) => rank(b) - rank(a))[0] ?? errored[0] ?? sent.find((s) => s.spec.expect === undefined) ?? sent[0];
  if (!shown) return { ...base, verdict: 'error', error: 'the scenario sent no request' };
  const multi = sent.length > 1;
  const prefix = (s: Sent): string => (multi && s.spec.label ? `[${s.spec.label}] ` : '');
  const findings = failing.flatMap((s) => s.judgement.findings.map((f) => ({ ...f, message: prefix(s) + f.message })));
  const verdict = failing.length ? 'fail' : errored.length === sent.length ? 'error' : 'pass';
  const notes = sent.flatMap((s) => (s.judgement.notes ?? []).map((n) => prefix(s) + n));
  const token = shown.probe.token;
  return {
    ...base,
    verdict,
    severity: failing.length ? (shown.judgement.severity ?? null) : null,
    expected: expectedAnswer([...shown.probe.expect], shown.judgement.expectation),
    observed: shown.obs
      ? {
          status: shown.obs.status,
          wwwAuthenticate: shown.obs.wwwAuthenticate,
          body: shown.obs.body,
          auditCode: shown.obs.auditCode ?? null,
          durationMs: Math.round(shown.obs.durationMs),
        }
      : null,
    failures: findings.map((f) => f.message),
    findings,
    // Tokens are named or clipped by the run's redactor, over the finished row (harness/redact.ts).
    reproduce: curlFor(shown.probe, target.baseUrl),
    token: token ? { header: token.header, claims: token.claims, value: clip(token.token) } : null,
    variants: multi ? sent.map((s) => s.spec.label ?? '') : [],
    ...(notes.length ? { notes } : {}),
    ...(verdict === 'error' ? { error: errorOf(errored, prefix) } : {}),
  };
}

/** Why the variants errored: one reason when they all share it (an endpoint given up), else each with its label. */
function errorOf(errored: Sent[], prefix: (s: Sent) => string): string {
  const reasons = new Set(errored.map((s) => s.error));
  if (reasons.size === 1) return errored[0]!.error ?? '';
  return errored.map((s) => `${prefix(s)}${s.error}`).join('; ');
}

function clip(value: string): string {
  return value.length > MAX_CREDENTIAL_IN_REPORT ? `${value.slice(0, 256)}…(${value.length} bytes)` : value;
}

function rank(s: Sent): number {
  return { critical: 3, major: 2, minor: 1 }[s.judgement.severity ?? 'minor'];
}
