/**
 * A flawed target: the reference API with exactly one realistic flaw, and the scenarios that must
 * catch it. The matrix test runs each one and demands that exactly those scenarios fail, with the
 * declared severity: a flaw nobody catches is a hole in the catalogue, an extra failure a false alarm.
 */
import type { Severity } from '../../../harness/core/finding.ts';
import type { AnswerFacts, ReferenceOptions } from '../reference/options.ts';
import type { Answer } from '../reference/respond.ts';

export type { Severity };

export interface FlawedTargetSpec {
  /** kebab-case, the file name. */
  name: string;
  /** One sentence: what this API does wrong (and, when one flaw disables several checks, why that is still one flaw). */
  flaw: string;
  /** The real bug it reproduces: library, CVE, advisory, or the widespread code pattern. */
  basedOn: string;
  /** The scenario ids that must fail against this target, and no others. */
  catches: readonly string[];
  /** The severity each of those scenarios fails with (worst over its endpoints and variants); `bySeverity` overrides per id. */
  severity: Severity;
  bySeverity?: Readonly<Record<string, Severity>>;
  /**
   * Scenarios that fail here although the flaw is not theirs to catch: a scenario that is wrong about this
   * target (reported to its owner, not hidden). Each names its severity and why. Once the scenario is
   * fixed the matrix fails until the entry is removed.
   */
  falseAlarms?: Readonly<Record<string, { severity: Severity; why: string }>>;
  /**
   * Whether this API asks the IdP about every token (RFC 7662). Off for most: local JWT validators rarely
   * introspect, and the IdP calls expired or forged tokens inactive, which would hide a local flaw. A target
   * that does not introspect cannot be judged by `revoked` and `introspection-down`; the matrix skips them.
   */
  introspects?: boolean;
  /**
   * Options over the reference's (matrix) configuration: usually `steps` replacing ONE step. A function
   * when the flaw keeps state (a cache), so every app gets its own.
   */
  options?: Partial<ReferenceOptions> | (() => Partial<ReferenceOptions>);
  /** For flaws in the answer rather than the decision: rewrite each answer before it is audited and sent. */
  answer?: (answer: Answer, facts: AnswerFacts) => Answer;
  /** The HTTP server's header size limit, bytes (Node's default, 16 KB, when unset). */
  maxHeaderSize?: number;
  /** The flaw refuses valid tokens too: the run must stop at the baseline (exit 2), judging nothing. */
  rejectsBaseline?: boolean;
  /**
   * The API takes DPoP-bound tokens (RFC 9449): the reference in DPoP mode with a server nonce, run with
   * `tokenType: 'dpop'`, so the binding scenarios apply and every other one is sent with a proof.
   */
  dpop?: boolean;
  /**
   * The API takes certificate-bound tokens (RFC 8705 §3): the reference with `mtls`, served over HTTPS
   * asking for a client certificate, run with `tokenType: 'mtls'`, so the mTLS scenarios apply.
   */
  mtls?: boolean;
  /**
   * The API takes opaque tokens and validates each only by introspection (the reference's `opaque`
   * mode, run with `baseline.format: 'opaque'`); `jwt`: it asks for RFC 9701 JWT answers. Implies `introspects`.
   */
  opaque?: 'json' | 'jwt';
  /** The API publishes RFC 9728 metadata: the reference with `resourceMetadata`, run with `resource` declared, so the discovery scenarios apply. */
  resource?: boolean;
  /** Its /admin requires step-up (RFC 9470): the reference and the run both declare STEP_UP there, so the step-up scenarios apply. */
  stepUp?: boolean;
}

export interface FlawedTarget extends Required<
  Omit<FlawedTargetSpec, 'options' | 'answer' | 'bySeverity' | 'maxHeaderSize' | 'falseAlarms' | 'opaque'>
> {
  opaque?: 'json' | 'jwt';
  falseAlarms: Readonly<Record<string, { severity: Severity; why: string }>>;
  bySeverity: Readonly<Record<string, Severity>>;
  maxHeaderSize?: number;
  /** Fresh options for one app: `options` plus `answer` as the reference's `rewrite` hook. */
  options(): Partial<ReferenceOptions>;
  /** The severity `id` must fail with. */
  severityOf(id: string): Severity;
}

export function defineFlawedTarget(spec: FlawedTargetSpec): FlawedTarget {
  const unknown = Object.keys(spec.bySeverity ?? {}).filter((id) => !spec.catches.includes(id));
  if (unknown.length) throw new TypeError(`${spec.name}: bySeverity names ${unknown.join(', ')}, which it does not declare in catches`);
  if (new Set(spec.catches).size !== spec.catches.length) throw new TypeError(`${spec.name}: catches lists an id twice`);
  const both = Object.keys(spec.falseAlarms ?? {}).filter((id) => spec.catches.includes(id));
  if (both.length) throw new TypeError(`${spec.name}: ${both.join(', ')} cannot both catch the flaw and be a false alarm`);
  const {
    options,
    answer,
    bySeverity = {},
    falseAlarms = {},
    introspects = spec.opaque !== undefined,
    rejectsBaseline = false,
    dpop = false,
    mtls = false,
    resource = false,
    stepUp = false,
    ...rest
  } = spec;
  return {
    ...rest,
    dpop,
    mtls,
    resource,
    stepUp,
    falseAlarms,
    introspects,
    rejectsBaseline,
    bySeverity,
    options: () => ({ ...(typeof options === 'function' ? options() : options), ...(answer ? { rewrite: answer } : {}) }),
    severityOf: (id) => bySeverity[id] ?? spec.severity,
  };
}
