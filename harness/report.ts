/**
 * The Report: the one shape every writer (json, junit, markdown, html), replay and the CLI consume.
 * Field names follow CONTRACT.md; `schemaVersion` changes only with an incompatible change.
 */
import type { Ref } from './core/ref.ts';
import type { Category } from './core/category.ts';
import type { AnswerClass } from './core/answer.ts';
import type { StatusRule } from './core/status.ts';
import type { Finding, Severity } from './core/finding.ts';
import type { VerdictKind } from './judge.ts';
import type { DeclaredPolicy } from './policy/declared.ts';
import type { ObservedPolicy } from './core/observed-policy.ts';

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
  /** Where the rule comes from: `{ spec: 'RFC 6750', section: '3.1', url }` (harness/core/ref.ts). */
  refs: Ref[];
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
  /** How the verdict was reached when that is worth saying: "refused by ending the connection…". */
  notes?: string[];
}

/** Why a run stopped before judging everything (the report then says `partial: true`). */
export interface RunStop {
  cause: 'interrupted' | 'target-lost' | 'baseline-refused' | 'harness-error';
  /** One line naming the cause and the fix. */
  message: string;
}

export interface PropertyResult {
  property: string;
  endpoint: string;
  seed: number;
  path: string | null;
  runs: number;
  verdict: 'pass' | 'fail' | 'error';
  /** The shrunk counterexample (the worst failure's); the built-in properties write a PropertyCounterexample. */
  counterexample: unknown;
  /**
   * The distinct failures found within the case budget, worst first, each shrunk and replayable; the
   * first is `counterexample`, `path` and `reproduce`. Empty when the property did not fail; absent in
   * reports written before they were recorded (read them with `propertyFailures`).
   */
  distinctFailures?: PropertyFailure[];
  /** The failure sentences of every distinct failure, worst first. */
  failures: string[];
  reproduce: string | null;
}

/**
 * One distinct failure of a property. Two failures are distinct when they differ in severity, in the
 * answer observed, or in the oracle rules that decide the case (harness/properties/failure-class.ts).
 */
export interface PropertyFailure {
  severity: Severity;
  /** The answer observed: an answer class of the profile (OK, IT, IS, IR, NC), else `4xx`, `5xx`…, or `no answer`. */
  answer: string;
  /** The oracle rules that decide the case (harness/properties/oracle.ts, e.g. C2 audience), sorted; none for a valid token. */
  rules: string[];
  /** fast-check replay path from the property's seed to this shrunk case. */
  path: string;
  failures: string[];
  /** A curl command that sends the case. */
  reproduce: string | null;
  counterexample: PropertyCounterexample;
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
  /** True when the run stopped early (`stop` says why): results hold what finished. */
  partial: boolean;
  stop: RunStop | null;
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
    // The worst of a property's failures counts, once.
    const severity = propertyFailures(p)[0]?.severity;
    if (p.verdict === 'fail' && severity && severity in s.bySeverity) s.bySeverity[severity]++;
  }
  return s;
}

const RULE = /^([A-Z]\d*): /;

/**
 * A property's distinct failures, worst first: `distinctFailures`, or for a report written before it
 * was recorded, the one built-in counterexample (its answer as a status family, its rules from its reasons).
 */
export function propertyFailures(p: PropertyResult): PropertyFailure[] {
  if (p.distinctFailures) return p.distinctFailures;
  const ce = p.counterexample as Partial<PropertyCounterexample> | null | undefined;
  if (p.verdict !== 'fail' || !ce || typeof ce !== 'object' || !Array.isArray(ce.mutations) || typeof ce.severity !== 'string') return [];
  const c = ce as PropertyCounterexample;
  const rules = (c.expected?.reasons ?? []).map((r) => RULE.exec(r)?.[1]).filter((r): r is string => !!r);
  return [
    {
      severity: c.severity,
      answer: c.observed ? `${Math.floor(c.observed.status / 100)}xx` : 'no answer',
      rules: [...new Set(rules)].sort(),
      path: p.path ?? '',
      failures: p.failures,
      reproduce: p.reproduce,
      counterexample: c,
    },
  ];
}
