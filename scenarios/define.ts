/**
 * A scenario: one failure mode, one small module. It says how to forge the request (from the
 * baseline), what answer class a correct API gives, where the rule comes from and how to fix the API.
 */
import type { ForgedToken, Forgery } from '../mocks/idp/mint.ts';
import type { MockIdp } from '../mocks/idp/idp.ts';
import type { FaultContext } from '../mocks/idp/faults.ts';
import type { Endpoint } from '../harness/endpoint.ts';
import type { Finding } from '../harness/checks/finding.ts';
import type { Observation } from '../harness/observe/observation.ts';
import type { ResolvedConfig } from '../harness/config.ts';
import type { ObservedPolicy } from '../harness/policy/observed.ts';
import type { StatusRule } from './profiles/profile.ts';

export const CATEGORIES = ['presence', 'signature', 'algorithm', 'time', 'identity', 'type', 'scope', 'revocation', 'exhaustion'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Every answer class, for checking a user's scenario when it loads. */
export const ANSWER_CLASSES = ['NC', 'IT', 'IR', 'IS', 'OK', 'REJECT'] as const;

/**
 * Expected answer classes (CATALOGUE.md): NC no credentials (401, challenge without error code),
 * IT invalid_token (401), IR invalid_request (400), IS insufficient_scope (403), OK must be accepted,
 * REJECT anything but 2xx (fail closed).
 */
export type AnswerClass = (typeof ANSWER_CLASSES)[number];

/** How the credential is carried. `token` goes wherever the API reads tokens (header, cookie...). */
export type Credential =
  | { kind: 'none' }
  | { kind: 'token'; token: ForgedToken | string }
  /** An exact Authorization header value, for scheme and whitespace faults. */
  | { kind: 'authorization'; value: string };

/**
 * What it means when the API accepts what a scenario sends, and how grave that is. Unset: `critical`,
 * "a token it must reject" (forged, expired, another audience...). A VALID token accepted through a
 * forbidden channel (the query string, two methods at once, added whitespace) or with a required
 * claim missing is a conformance breach without a direct hole: `major`, in the words of `means`.
 */
export interface IfAccepted {
  severity: 'critical' | 'major';
  /** What was accepted, for the finding: "a valid token sent in the query string". */
  means: string;
}

/** What a scenario asks to send; the harness turns it into a concrete Probe for the endpoint. */
export interface ProbeSpec {
  /** Variant name when a scenario sends several (e.g. `alg "None"`). */
  label?: string;
  credential: Credential;
  /** Extra request headers, and query/body members (e.g. a second copy of the token). */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  form?: Record<string, string>;
  /** Override the answer class for this variant only. */
  expect?: AnswerClass | readonly AnswerClass[];
  /** Override the scenario's `ifAccepted` for this variant only. */
  ifAccepted?: IfAccepted;
  /**
   * The plain case the other variants are compared with (a random unknown kid beside injected ones):
   * sent first, judged like the others, and its observation handed to `inspect` for the rest, so a
   * finding can say "fails exactly like the plain case" instead of guessing a cause.
   */
  control?: boolean;
}

export interface ScenarioContext {
  idp: MockIdp;
  endpoint: Endpoint;
  /** Timing and policy facts for building forgeries. */
  fault: FaultContext;
  /** The baseline for this endpoint (its scopes included), with one forgery applied. */
  forge(forgery?: Forgery, scopes?: readonly string[]): Promise<ForgedToken>;
  /** Milliseconds after which the harness gives up on one request. */
  timeoutMs: number;
  /** The run's configuration: token location, client id header, fixtures, policy. */
  config: ResolvedConfig;
}

/**
 * One variant as a scenario returns it: a ProbeSpec, plus what to change at the IdP just before this
 * variant is sent (after the previous one was judged). The engine undoes it with the rest of the run's
 * IdP changes (see `Scenario.setup`).
 */
export interface Variant<S = unknown> extends ProbeSpec {
  before?(ctx: ScenarioContext, state: S): Promise<void>;
}

/**
 * `S` is what `setup` returns (the keys it published, the names it chose): handed to `probes`, each
 * variant's `before`, `inspect` and `cleanup` of the same run. A scenario module keeps no state of its
 * own; `defineScenario` infers `S`.
 */
export interface Scenario<S = unknown> {
  /** The catalogue id, kebab-case. */
  id: string;
  title: string;
  category: Category;
  /** Where the rule comes from: `RFC 6750 §3.1`, `CWE-613`, `the login audit trail`. */
  refs: readonly string[];
  /** The answer a correct API gives; several means any one of them. */
  expect: AnswerClass | readonly AnswerClass[];
  /** Audit codes (the login audit trail vocabulary) that name this fault; used by audit profiles. */
  auditCodes?: readonly string[];
  /** One sentence telling the API owner what to change when this fails. */
  resolution: string;
  /** What an acceptance means and how grave it is; unset: critical, "a token it must reject". */
  ifAccepted?: IfAccepted;
  /**
   * Sent even when the baseline is refused: a forgery (alg none, algorithm confusion, a weak or embedded
   * key) whose acceptance is a hole however strict the API is otherwise, judged for acceptance only.
   */
  withoutBaseline?: boolean;
  /**
   * This scenario changes IdP state every token sees (a failing or stalled JWKS, the JWKS itself), or
   * needs the API to see a change of it at once: it runs alone, never beside another scenario, with all
   * its endpoints side by side, variant by variant (one stall window for all of them). Unset: it
   * changes only facts scoped to its own tokens and keys (a revocation of its own jti,
   * `idp.state.faultToken(jti, ...)`, a key only it signs with), and may run beside the others.
   */
  exclusive?: boolean;
  /**
   * Return a reason string to skip this scenario on an endpoint (e.g. it has no scope to miss), or for
   * the run's configuration (e.g. the API's token location has no auth scheme to get wrong, or the API
   * is declared stateless). `observed` is what the API was measured to enforce (harness/policy/), for a
   * reason that names the risk left; it is absent where nothing was measured (replay, `gauntlet mint`).
   */
  skip?(endpoint: Endpoint, config: ResolvedConfig, observed?: ObservedPolicy): string | undefined;
  /**
   * The statuses a REJECT answer must have here (e.g. 400, 401, 413, 431 for an oversized request), so
   * a 5xx fails as major; other answer classes are unaffected, and a profile's refinements still win.
   */
  statuses?: readonly StatusRule[];
  /**
   * Change IdP state before sending (revoke, publish a key, inject failures) and return what the other
   * hooks need to know of it. The engine snapshots the IdP before `setup` and restores it after
   * `cleanup`, whatever happened: nothing needs undoing by hand.
   */
  setup?(ctx: ScenarioContext): Promise<S>;
  /** The request(s) to send. */
  probes(ctx: ScenarioContext, state: S): Promise<Variant<S> | Variant<S>[]>;
  /**
   * Extra judgement beyond the answer (e.g. the target fetched a jku URL); it changes nothing.
   * `control`: the observation of the variant marked `control` (that same observation while judging the control).
   */
  inspect?(ctx: ScenarioContext, observation: Observation, since: number, control: Observation | undefined, state: S): Promise<Finding[]>;
  /** Anything to release besides IdP state (which the engine restores itself). */
  cleanup?(ctx: ScenarioContext, state: S): Promise<void>;
}

/** Type-checks a scenario module's default export; infers the type of the state `setup` returns. */
export function defineScenario<S = undefined>(scenario: Scenario<S>): Scenario<S> {
  return scenario;
}
