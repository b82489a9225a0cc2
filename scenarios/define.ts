/**
 * THE public scenario API: a scenario file imports from here (and from scenarios/lib/ helpers), nothing
 * else of the harness. A scenario: one failure mode, one small module. It says how to forge the request
 * (from the baseline), what answer class a correct API gives, where the rule comes from and how to fix
 * the API. The shared vocabulary lives in harness/core/ and is re-exported here.
 */
import type { ForgedToken, Forgery } from '../mocks/idp/mint.ts';
import type { MockIdp } from '../mocks/idp/idp.ts';
import type { FaultContext } from '../mocks/idp/faults.ts';
import type { AnswerClass } from '../harness/core/answer.ts';
import type { Category } from '../harness/core/category.ts';
import type { Endpoint } from '../harness/core/endpoint.ts';
import type { ScenarioEnv } from '../harness/core/env.ts';
import type { Finding } from '../harness/core/finding.ts';
import type { IfAccepted } from '../harness/core/if-accepted.ts';
import type { Observation } from '../harness/core/observation.ts';
import type { ObservedPolicy } from '../harness/core/observed-policy.ts';
import type { ProbeSpec } from '../harness/core/probe-spec.ts';
import type { Ref } from '../harness/core/ref.ts';
import type { StatusRule } from '../harness/core/status.ts';
import type { TokenFormat } from '../harness/core/token-format.ts';
import type { ChallengeRule } from '../harness/core/expectation.ts';
import type { ScenarioId } from './ids.ts';

export { ANSWER_CLASSES, type AnswerClass } from '../harness/core/answer.ts';
export { CATEGORIES, type Category } from '../harness/core/category.ts';
export type { Credential } from '../harness/core/credential.ts';
export type { Endpoint } from '../harness/core/endpoint.ts';
export type { ScenarioEnv } from '../harness/core/env.ts';
export type { ChallengeRule, Expectation, MessageRule } from '../harness/core/expectation.ts';
export type { Fixtures } from '../harness/core/fixtures.ts';
export type { CheckId, Finding, Severity } from '../harness/core/finding.ts';
export type { IfAccepted } from '../harness/core/if-accepted.ts';
export type { Challenge, Observation } from '../harness/core/observation.ts';
export type { ObservedPolicy } from '../harness/core/observed-policy.ts';
export type { ResolvedPolicy } from '../harness/core/policy.ts';
export type { Binding, ProbeSpec } from '../harness/core/probe-spec.ts';
export { formatRef, type Ref } from '../harness/core/ref.ts';
export { cve, cwe, rfc, source } from './lib/refs.ts';
export { isAccepted, isRefusal, type StatusRule } from '../harness/core/status.ts';
export type { TokenLocation } from '../harness/core/token-location.ts';
export type { TokenFormat } from '../harness/core/token-format.ts';
export type { ForgedToken, Forgery } from '../mocks/idp/mint.ts';
export { CATALOGUE_IDS, type CatalogueId, type ScenarioId } from './ids.ts';

export interface ScenarioContext {
  idp: MockIdp;
  endpoint: Endpoint;
  /** Timing and policy facts for building forgeries. */
  fault: FaultContext;
  /** The baseline for this endpoint (its scopes included), with one forgery applied. */
  forge(forgery?: Forgery, scopes?: readonly string[]): Promise<ForgedToken>;
  /** Milliseconds after which the harness gives up on one request. */
  timeoutMs: number;
  /** What a scenario may read of the run's configuration (read-only): token location, client id header, fixtures, algorithms, policy. */
  config: ScenarioEnv;
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
  /** The id, kebab-case: a `CatalogueId` for the built-in ones, any new one for a user's. */
  id: ScenarioId;
  title: string;
  category: Category;
  /**
   * Place in its category's report order, ascending (built-ins use steps of 10, so a new one fits
   * between two). Unset: after the numbered ones, by file name. `npm run catalogue` reads it.
   */
  order?: number;
  /** Where the rule comes from, as data: `rfc(6750, '3.1')`, `cwe(613)`, `source('login audit trail')` (scenarios/lib/refs.ts). */
  refs: readonly Ref[];
  /**
   * The token formats (config `baseline.format`) this scenario means something for; under another it
   * is a skipped row ("not applicable: the API takes opaque tokens"). Unset: `['jwt']`.
   */
  formats?: readonly TokenFormat[];
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
  /** Sent after every other scenario and the property cases (`baseline-after`: is the API still serving valid tokens?). */
  runsLast?: boolean;
  /**
   * This scenario changes IdP state every token sees (a failing or stalled JWKS, the JWKS itself), or
   * needs the API to see a change of it at once: it runs alone, never beside another scenario, with all
   * its endpoints side by side, variant by variant (one stall window for all of them). Unset: it
   * changes only facts scoped to its own tokens and keys (a revocation of its own jti,
   * `idp.state.faultToken(jti, ...)`, a key only it signs with), and may run beside the others.
   */
  exclusive?: boolean;
  /**
   * This scenario waits on purpose, not on work: an IdP answer it stalls until the target's own timeout, a
   * late request it gives the target time to make. Started before the others up to the next exclusive
   * scenario, so its wait overlaps their work instead of ending the stretch. The report's order is unchanged.
   */
  waits?: boolean;
  /**
   * Return a reason string to skip this scenario on an endpoint (e.g. it has no scope to miss), or for
   * what the run declares (e.g. the API's token location has no auth scheme to get wrong, or the API
   * is declared stateless). `observed` is what the API was measured to enforce (harness/policy/), for a
   * reason that names the risk left; it is absent where nothing was measured (replay, `gauntlet mint`).
   */
  skip?(endpoint: Endpoint, config: ScenarioEnv, observed?: ObservedPolicy): string | undefined;
  /**
   * The statuses a REJECT answer must have here (e.g. 400, 401, 413, 431 for an oversized request), so
   * a 5xx fails as major; other answer classes are unaffected, and a profile's refinements still win.
   */
  statuses?: readonly StatusRule[];
  /**
   * What a refusal's challenge must say beyond its answer class's, where the profile checks the challenge:
   * step-up is IT's 401 with another error code and what would do (RFC 9470 §3:
   * `{ error: 'insufficient_user_authentication', acrValues: true }`). A profile's refinements still win.
   */
  challenge?: Partial<ChallengeRule>;
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
