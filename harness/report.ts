/**
 * The Report: the one shape every writer (json, junit, markdown, html), replay and the CLI consume.
 * Field names follow CONTRACT.md; `schemaVersion` changes only with an incompatible change.
 */
import type { AnswerClass, Category } from '../scenarios/define.ts';
import type { StatusRule } from '../scenarios/profiles/profile.ts';
import type { Finding, Severity } from './checks/finding.ts';
import type { VerdictKind } from './judge.ts';
import type { DeclaredPolicy } from './policy/declared.ts';
import type { ObservedPolicy } from './policy/observed.ts';

export interface ExpectedAnswer {
  classes: AnswerClass[];
  /** `2xx` for a positive control. */
  status: StatusRule[] | '2xx';
  error: string | null;
  message: string | null;
  auditCode: string[] | null;
}

export interface ObservedAnswer {
  status: number;
  wwwAuthenticate: string[];
  /** Truncated. */
  body: string;
  auditCode: string | null;
  durationMs: number;
}

export interface ResultRow {
  scenario: string;
  title: string;
  endpoint: string;
  category: Category;
  /** Severity of the failure; null when it did not fail. */
  severity: Severity | null;
  refs: string[];
  verdict: VerdictKind;
  expected: ExpectedAnswer;
  observed: ObservedAnswer | null;
  failures: string[];
  findings: Finding[];
  /** A curl command that sends the (first failing) probe. */
  reproduce: string | null;
  resolution: string;
  /** The forged token sent (decoded); `value` is omitted with --redact-tokens. */
  token: { header: Record<string, unknown>; claims: Record<string, unknown>; value?: string } | null;
  /** Variant labels sent for this scenario, when more than one. */
  variants: string[];
  skipReason?: string;
  error?: string;
}

export interface PropertyResult {
  property: string;
  endpoint: string;
  seed: number;
  path: string | null;
  runs: number;
  verdict: 'pass' | 'fail' | 'error';
  /** The shrunk counterexample; the built-in properties write a PropertyCounterexample. */
  counterexample: unknown;
  failures: string[];
  reproduce: string | null;
}

/**
 * What the built-in properties (harness/properties/) record as a failed property's counterexample:
 * the shrunk case and everything needed to read it and to replay it.
 */
export interface PropertyCounterexample {
  /** The shrunk case: mutations of the baseline (harness/properties/mutation.ts), minted again by replay. */
  mutations: unknown[];
  /** The case in words. */
  case: string;
  severity: Severity;
  shrinks: number;
  /** Scopes the endpoint needs: the baseline's scope there. */
  scopes: string[];
  /** The policy the oracle judged by; null where none was declared (README "Declared and observed policy"). */
  policy: { leeway: number | null; maxLifetime: number | null; algorithms: string[]; typ: string };
  /** The answer classes the oracle allowed, and the rules the case breaks. */
  expected: { classes: AnswerClass[]; reasons: string[] };
  observed: ObservedAnswer | null;
  /** Decoded header and claims as sent. */
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The token sent; omitted with --redact-tokens. */
  token?: string;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  bySeverity: Record<Severity, number>;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'token-gauntlet'; version: string };
  startedAt: string;
  finishedAt: string;
  /** True when the run was interrupted: results hold what finished. */
  partial: boolean;
  target: string;
  profile: string;
  idp: { issuer: string; jwks_uri: string };
  baseline: { alg: string; typ: string; audience: string; accepted: boolean };
  endpoints: string[];
  seed: number | null;
  /** What the API declares (config `policy`, --leeway, --max-lifetime, --revocation); null where undeclared. */
  declaredPolicy?: DeclaredPolicy;
  /** What the API was measured to enforce (harness/policy/measure.ts); absent when nothing was measured. */
  observedPolicy?: ObservedPolicy;
  summary: Summary;
  results: ResultRow[];
  properties: PropertyResult[];
}

export function summarize(results: readonly ResultRow[], properties: readonly PropertyResult[] = []): Summary {
  const s: Summary = { total: 0, passed: 0, failed: 0, skipped: 0, errored: 0, bySeverity: { critical: 0, major: 0, minor: 0 } };
  for (const r of results) {
    s.total++;
    if (r.verdict === 'pass') s.passed++;
    else if (r.verdict === 'fail') s.failed++;
    else if (r.verdict === 'skip') s.skipped++;
    else s.errored++;
    if (r.verdict === 'fail' && r.severity) s.bySeverity[r.severity]++;
  }
  for (const p of properties) {
    s.total++;
    if (p.verdict === 'pass') s.passed++;
    else if (p.verdict === 'fail') s.failed++;
    else s.errored++;
    // A built-in property's counterexample carries the severity of its failure.
    const severity = (p.counterexample as Partial<PropertyCounterexample> | null)?.severity;
    if (p.verdict === 'fail' && severity && severity in s.bySeverity) s.bySeverity[severity]++;
  }
  return s;
}
