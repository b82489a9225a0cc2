/**
 * One property case against the target: mint it relative to the clock, send it at once, and judge the
 * answer by the oracle over the seconds the API can have read its clock in.
 *
 * Why time boundaries are judged exactly, with no "either" zone. Every time claim is minted relative to
 * t0, the IdP clock read just before minting. The API reads its clock after the request arrives and
 * before it answers (and an introspecting API's IdP reads the same clock in between), so its `now` lies
 * in [t0, t1], t1 read after the answer. A round trip takes milliseconds: t0 = t1 almost always, and the
 * oracle judges that one second, so exp = now − leeway must be refused and exp = now − leeway + 1
 * accepted. When the window spans two seconds (sent at the very end of a second), the case is minted
 * again relative to the new clock and sent again, so that the same case always meets the same second of
 * the API and gets the same verdict; after five tries any answer the oracle allows for some second of
 * the window counts. A case is sent again only when its answer came in well under a second: no answer
 * in time is an answer (recorded, never sent again), and a round trip of a second or more spans two
 * seconds on every try. Arbitraries therefore need no safety margin, and
 * the deliberate ±1 s cases keep their meaning.
 * The one assumption: the API's clock agrees with the IdP's to well under a second (one host, or NTP).
 * An API whose clock is off by a second or more fails exact-boundary cases because of its clock, not its
 * arithmetic; the counterexample's `expected.reasons` show the boundary and the `now` it was judged at.
 */
import type { ForgedToken } from '../../mocks/idp/mint.ts';
import type { MockIdp } from '../../mocks/idp/idp.ts';
import type { AnswerClass } from '../core/answer.ts';
import type { Severity } from '../core/finding.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Endpoint } from '../core/endpoint.ts';
import { HarnessError } from '../core/errors.ts';
import { observe, truncationNote } from '../observe/observation.ts';
import { buildProbe, type Probe } from '../probe.ts';
import type { ObservedAnswer } from '../report.ts';
import { placeOptions } from '../place.ts';
import { NoHttpAnswer, TargetTimeout, type Target } from '../target/index.ts';
import { EndpointSkipped } from '../target-guard.ts';
import { consequence } from './consequence.ts';
import { judgeAnswer } from './answer.ts';
import { mintCase } from './apply.ts';
import { describeCase, type Mutation } from './mutation.ts';
import { expectedOver, type Policy, type RuleId } from './oracle.ts';

export interface CaseEnv {
  config: ResolvedConfig;
  idp: MockIdp;
  target: Target;
  endpoint: Endpoint;
  policy: Policy;
}

export interface CaseOutcome {
  pass: boolean;
  mutations: readonly Mutation[];
  expected: AnswerClass[];
  /** The oracle's reasons: each rule the case breaks. */
  reasons: string[];
  /** The rules that decide the answer (definite violations), in the oracle's order; empty for a valid token. */
  rules: RuleId[];
  observed: ObservedAnswer | null;
  observedClass: AnswerClass | null;
  severity: Severity | null;
  failures: string[];
  token: ForgedToken;
  probe: Probe;
  /** IdP clock before minting and after the answer, seconds. */
  window: [number, number];
  attempts: number;
}

const ATTEMPTS = 5;
/** A try whose answer took this long is not sent again: another try would span two seconds as well. */
const RETRY_UNDER_MS = 1000;

export async function exercise(env: CaseEnv, mutations: readonly Mutation[]): Promise<CaseOutcome> {
  const { config, idp, target, endpoint, policy } = env;
  for (let attempt = 1; ; attempt++) {
    const t0 = idp.clock.now();
    const minted = await mintCase(mutations, { now: t0, policy, minter: idp.minter, keys: idp.keys, endpoint });
    const probe = buildProbe('property', minted.spec, endpoint, [], placeOptions(config));
    let observation: ReturnType<typeof observe> | undefined;
    let noAnswer: string | undefined;
    let closed: NoHttpAnswer | undefined;
    let timedOut = false;
    const sentAt = performance.now();
    try {
      observation = observe(await target.send(probe, config.timeoutMs));
    } catch (err) {
      // Interrupted, unreachable, or the endpoint given up after its timeouts: not an answer to judge.
      if (err instanceof HarnessError || err instanceof EndpointSkipped) throw err;
      if (err instanceof NoHttpAnswer) closed = err;
      timedOut = err instanceof TargetTimeout;
      noAnswer =
        err instanceof TargetTimeout
          ? `the target did not answer within ${err.timeoutMs} ms`
          : `the target gave no HTTP answer: ${(err as Error).message}`;
    }
    const t1 = idp.clock.now();
    const exp = expectedOver(minted.facts, policy, t0, t1);
    // Only a one-second window pins the API's `now`: over two seconds a flaw showing in one of them may
    // hide behind the other, even where the oracle's answer is the same for both.
    if (t1 !== t0 && attempt < ATTEMPTS && !timedOut && performance.now() - sentAt < RETRY_UNDER_MS) continue;
    const base = {
      mutations,
      expected: exp.classes,
      reasons: exp.violations.map((v) => `${v.rule}: ${v.why}`),
      rules: [...new Set(exp.violations.filter((v) => v.kind === 'definite').map((v) => v.rule))],
      token: minted.token,
      probe,
      window: [t0, t1] as [number, number],
      attempts: attempt,
    };
    const what = describeCase(mutations);
    // As in the fixed scenarios: where any refusal will do, ending the connection is one.
    if (closed && exp.classes.length === 1 && exp.classes[0] === 'REJECT') {
      return { ...base, pass: true, observed: null, observedClass: 'REJECT', severity: null, failures: [] };
    }
    if (!observation) {
      return { ...base, pass: false, observed: null, observedClass: null, severity: 'major', failures: [`${what}: ${noAnswer}`] };
    }
    const verdict = judgeAnswer(observation, exp.classes, config.profile, consequence(mutations, exp.violations), exp.statuses);
    return {
      ...base,
      pass: verdict.pass,
      observed: {
        status: observation.status,
        wwwAuthenticate: observation.wwwAuthenticate,
        body: observation.body,
        auditCode: null,
        durationMs: Math.round(observation.durationMs),
      },
      observedClass: verdict.observedClass,
      severity: verdict.severity,
      failures: verdict.failures.map(
        (f) => `${what}: ${f}${observation.truncated !== undefined ? ` (${truncationNote(observation.truncated)})` : ''}`,
      ),
    };
  }
}
