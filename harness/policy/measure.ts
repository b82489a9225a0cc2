/**
 * Measure what the API really enforces, right after the baseline proved it accepts a valid token: a
 * bounded binary search per time limit and one probe per algorithm and typ, each probe the baseline
 * with one thing changed. A probe's answer is only "accepted" (2xx) or not: a 401, a 500, a reset or no
 * answer at all are all "not accepted", so no answer can crash or stall the measurement for long.
 *
 *   expLeeway    exp = now − d, d in [−1, 600]: the smallest d refused (iat moves with exp)
 *   nbfLeeway    nbf = now + d, d in [0, 600]: the largest d accepted
 *   iatLeeway    iat = now + d, d in [0, 600]: the largest d accepted (exp moves with iat)
 *   maxLifetime  iat = now, exp = now + d, d in [baseline lifetime, 30 days]: the largest d accepted
 *   algorithms   the baseline signed with each loaded IdP key
 *   typ          the baseline with typ at+jwt, application/at+jwt, JWT, and none (no typ member)
 *   introspection whether the IdP journal shows an introspection request while the probes were answered
 *
 * Precision: every time claim is minted relative to the IdP clock read just before; a probe whose answer
 * came in another second than it was minted in is minted and sent again (up to five times; never after a
 * timeout or an answer slower than a second), as property cases are (properties/exercise.ts), so a search step is exact to the second and a result is within
 * ±1 s of what the API enforces when the API's clock agrees with the IdP's. Each bracket found is
 * probed again at both ends; answers that contradict each other give null, never a guess.
 * Introspection: the IdP tolerates more skew than the search spans while measuring, so an introspecting
 * API's figures are its own checks, not the mock IdP's idea of time.
 */
import { isAccepted } from '../core/status.ts';
import { inPool } from '../engine/concurrency.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import type { MockIdp } from '../../mocks/idp/idp.ts';
import type { ResolvedConfig } from '../config.ts';
import { authenticationOf, endpointLabel, type Endpoint } from '../core/endpoint.ts';
import type { IdpSession } from '../idp-session.ts';
import { buildProbe } from '../probe.ts';
import { placeOptions } from '../place.ts';
import { HarnessError } from '../core/errors.ts';
import { TargetTimeout, type Target } from '../target/index.ts';
import { EndpointSkipped } from '../target-guard.ts';
import { OBSERVED_KEYS, seconds, type ObservedKey, type ObservedPolicy } from '../core/observed-policy.ts';

/** Seconds searched past exp and ahead of now for nbf and iat. */
export const LEEWAY_SEARCH = 600;
/** Longest lifetime searched, seconds. */
export const LIFETIME_SEARCH = 30 * 86_400;
/** typ values tried; `none` sends no typ member. */
export const TYP_VALUES = ['at+jwt', 'application/at+jwt', 'JWT', 'none'] as const;
/** A probe minted in one second and answered in another is sent again, at most this many times. */
const ATTEMPTS = 5;
/** Probes without an answer in time before the measurement stops (each costs a whole timeout). */
const TIMEOUT_BUDGET = 3;

/** A try whose answer took this long is not sent again: another would span two seconds as well. */
const RETRY_UNDER_MS = 1000;

class GaveUp extends Error {}

/** Sends probes and counts what the measurement needs to say about them. */
class Prober {
  sent = 0;
  timeouts = 0;
  /** Probes sent and not yet answered: with the timeouts so far, never more than the timeout budget. */
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** How the last probe that was not accepted was answered: "answered 401", "no answer within 5000 ms"... */
  lastRefusal = '';
  private readonly introspectPath: string;
  /** The journal's last entry before the measurement: introspections are counted from here, whatever ran side by side. */
  private readonly since: number;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly idp: MockIdp,
    private readonly target: Target,
    readonly endpoint: Endpoint,
  ) {
    this.introspectPath = new URL(idp.introspectionEndpoint).pathname;
    this.since = idp.state.journal.at(-1)?.seq ?? 0;
  }

  /** Introspection requests that reached the IdP since the measurement began. */
  get introspections(): number {
    return this.idp.state.journal.filter((e) => e.seq > this.since && e.path === this.introspectPath).length;
  }

  /**
   * The steps run side by side, but a probe waits while the probes in flight could, all timing out,
   * take the timeouts past the budget: an endpoint that never answers still costs at most the budget.
   */
  private async slot(): Promise<void> {
    while (this.inFlight > 0 && this.inFlight + this.timeouts >= TIMEOUT_BUDGET) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The baseline with `forgery(now)` applied, minted at `now`: was it accepted (2xx)? */
  async accepted(forgery: (now: number) => Forgery): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      await this.slot();
      try {
        const answer = await this.once(forgery);
        if (answer.again && attempt < ATTEMPTS) continue;
        return answer.ok;
      } finally {
        this.release();
      }
    }
  }

  /** One probe; `again`: minted in one second and answered quickly in another, so worth sending again. */
  private async once(forgery: (now: number) => Forgery): Promise<{ ok: boolean; again: boolean }> {
    if (this.timeouts >= TIMEOUT_BUDGET) throw new GaveUp();
    const t0 = this.idp.clock.now();
    const token = await this.idp.minter.forge(forgery(t0), this.endpoint.scopes, authenticationOf(this.endpoint));
    const probe = buildProbe('observed-policy', { credential: { kind: 'token', token } }, this.endpoint, [], placeOptions(this.config));
    let ok = false;
    let timedOut = false;
    const sentAt = performance.now();
    try {
      const raw = await this.target.send(probe, this.config.timeoutMs);
      ok = isAccepted(raw.status);
      if (!ok) this.lastRefusal = `answered ${raw.status}`;
    } catch (err) {
      // The endpoint given up after its timeouts, or Ctrl-C: nothing more can be measured.
      if (err instanceof EndpointSkipped) throw new GaveUp(err.message);
      if (err instanceof HarnessError && err.code === 'ERR_INTERRUPTED') throw err;
      // No answer (a reset, a closed connection, a timeout) is no acceptance.
      timedOut = err instanceof TargetTimeout;
      if (timedOut) this.timeouts++;
      this.lastRefusal =
        err instanceof TargetTimeout ? `no answer within ${this.config.timeoutMs} ms` : `no HTTP answer (${(err as Error).message})`;
    }
    this.sent++;
    // Sent again only after a quick answer: a timeout is an answer, and a slow one spans two seconds on every try.
    return { ok, again: this.idp.clock.now() !== t0 && !timedOut && performance.now() - sentAt < RETRY_UNDER_MS };
  }
}

export type Search =
  | { kind: 'bounded'; accepted: number; refused: number; probes: number }
  /** Accepted even at the end of the range. */
  | { kind: 'unbounded'; probes: number }
  /** Refused at the start of the range, which every correct API accepts (a control). */
  | { kind: 'refused-at-start'; probes: number }
  /** The bracket found did not hold when probed again. */
  | { kind: 'inconsistent'; probes: number };

/**
 * The boundary of a monotone answer over [min, max] (accepted up to some x, refused after it) by
 * bisection: both ends first, then halving, then both ends of the bracket again.
 */
export async function searchBoundary(ok: (x: number) => Promise<boolean>, min: number, max: number): Promise<Search> {
  let probes = 0;
  const ask = (x: number): Promise<boolean> => {
    probes++;
    return ok(x);
  };
  if (await ask(max)) return { kind: 'unbounded', probes };
  if (!(await ask(min))) return { kind: 'refused-at-start', probes };
  let lo = min;
  let hi = max;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await ask(mid)) lo = mid;
    else hi = mid;
  }
  if (!(await ask(lo)) || (await ask(hi))) return { kind: 'inconsistent', probes };
  return { kind: 'bounded', accepted: lo, refused: hi, probes };
}

interface Measured<T> {
  value: T | null;
  how: string;
  /** Accepted even at the end of the search. */
  unbounded?: boolean;
}

function fromSearch(
  s: Search,
  value: (b: { accepted: number; refused: number }) => number,
  what: string,
  range: string,
  bounded: (b: { accepted: number; refused: number }) => string,
  start: string,
): Measured<number> {
  const tail = `(binary search over ${range}, ${s.probes} probe${s.probes === 1 ? '' : 's'})`;
  switch (s.kind) {
    case 'bounded':
      return { value: value(s), how: `${what}: ${bounded(s)} ${tail}` };
    case 'unbounded':
      return { value: null, unbounded: true, how: `${what}: still accepted at the end of the search ${tail}, so no limit within it` };
    case 'refused-at-start':
      return { value: null, how: `${what}: refused even ${start}, which must be accepted ${tail}; not measurable` };
    case 'inconsistent':
      return { value: null, how: `${what}: the answers contradicted each other when the bracket was probed again ${tail}; not measurable` };
  }
}

async function expLeeway(p: Prober, lifetime: number): Promise<Measured<number>> {
  const s = await searchBoundary((d) => p.accepted((now) => ({ claims: { exp: now - d, iat: now - d - lifetime } })), -1, LEEWAY_SEARCH);
  return fromSearch(
    s,
    (b) => b.refused,
    'exp = now − d',
    `d = −1…${LEEWAY_SEARCH} s`,
    (b) => `accepted at d = ${b.accepted} s, refused from d = ${b.refused} s`,
    'at exp = now + 1 s',
  );
}

async function nbfLeeway(p: Prober, lifetime: number): Promise<Measured<number>> {
  const s = await searchBoundary(
    (d) => p.accepted((now) => ({ claims: { nbf: now + d, ...(d >= lifetime ? { exp: now + d + lifetime } : {}) } })),
    0,
    LEEWAY_SEARCH,
  );
  return fromSearch(
    s,
    (b) => b.accepted,
    'nbf = now + d',
    `d = 0…${LEEWAY_SEARCH} s`,
    (b) => `accepted up to d = ${b.accepted} s, refused from d = ${b.refused} s`,
    'at nbf = now',
  );
}

async function iatLeeway(p: Prober, lifetime: number): Promise<Measured<number>> {
  const s = await searchBoundary((d) => p.accepted((now) => ({ claims: { iat: now + d, exp: now + d + lifetime } })), 0, LEEWAY_SEARCH);
  return fromSearch(
    s,
    (b) => b.accepted,
    'iat = now + d (exp = iat + lifetime)',
    `d = 0…${LEEWAY_SEARCH} s`,
    (b) => `accepted up to d = ${b.accepted} s, refused from d = ${b.refused} s`,
    'at iat = now',
  );
}

async function maxLifetime(p: Prober, lifetime: number): Promise<Measured<number>> {
  const s = await searchBoundary((d) => p.accepted((now) => ({ claims: { iat: now, exp: now + d } })), lifetime, LIFETIME_SEARCH);
  return fromSearch(
    s,
    (b) => b.accepted,
    'iat = now, exp = now + d',
    `d = ${lifetime} s (the baseline's lifetime)…${seconds(LIFETIME_SEARCH)}`,
    (b) => `accepted up to d = ${b.accepted} s, refused from d = ${b.refused} s`,
    "at the baseline's own lifetime",
  );
}

async function algorithms(p: Prober, idp: MockIdp): Promise<Measured<string[]>> {
  const accepted: string[] = [];
  for (const alg of idp.keys.algs) {
    const kid = idp.keys.activeKey(alg).kid;
    if (await p.accepted(() => ({ signWith: { kind: 'kid', kid } }))) accepted.push(alg);
  }
  return {
    value: accepted,
    how: `the baseline signed with each loaded IdP key (${idp.keys.algs.join(', ')}), one probe each; algorithms outside those are the algorithm scenarios' business`,
  };
}

async function typValues(p: Prober): Promise<Measured<string[]>> {
  const accepted: string[] = [];
  for (const typ of TYP_VALUES) {
    if (await p.accepted(() => ({ header: { typ: typ === 'none' ? undefined : typ } }))) accepted.push(typ);
  }
  return { value: accepted, how: `the baseline with typ ${TYP_VALUES.join(', ')} ("none": no typ member), one probe each` };
}

type Values = { [K in ObservedKey]: ObservedPolicy[K] };

/** Every value null, each saying why: for a measurement that could not run. */
export function unmeasured(reason: string, endpoint = ''): ObservedPolicy {
  const how = Object.fromEntries(OBSERVED_KEYS.map((k) => [k, reason])) as Record<ObservedKey, string>;
  return {
    expLeeway: null,
    nbfLeeway: null,
    iatLeeway: null,
    maxLifetime: null,
    algorithms: null,
    typ: null,
    introspection: null,
    how,
    unbounded: [],
    endpoint,
    probes: 0,
  };
}

/** Measure on the first endpoint. Never throws for what the target does; the IdP is left as it was found. */
export async function measurePolicy(config: ResolvedConfig, session: IdpSession, target: Target): Promise<ObservedPolicy> {
  const { idp } = session;
  const endpoint = config.endpoints[0];
  if (!endpoint) return unmeasured('not measured: no endpoint');
  const p = new Prober(config, idp, target, endpoint);
  const lifetime = idp.minter.shape.lifetime;
  const out = unmeasured('', endpointLabel(endpoint));
  const snapshot = idp.snapshot();
  // The IdP tolerates more skew than the search spans, so its introspection answers do not hide the API's own limits.
  idp.state.leeway = LEEWAY_SEARCH + 60;
  const steps: Array<[ObservedKey, () => Promise<Measured<unknown>>]> = [
    ['expLeeway', () => expLeeway(p, lifetime)],
    ['nbfLeeway', () => nbfLeeway(p, lifetime)],
    ['iatLeeway', () => iatLeeway(p, lifetime)],
    ['maxLifetime', () => maxLifetime(p, lifetime)],
    // An opaque token has no header: what is measured there is the introspection answer's claims only.
    ...(config.baseline.format === 'opaque'
      ? []
      : ([
          ['algorithms', () => algorithms(p, idp)],
          ['typ', () => typValues(p)],
        ] as Array<[ObservedKey, () => Promise<Measured<unknown>>]>)),
  ];
  if (config.baseline.format === 'opaque') {
    out.how.algorithms = out.how.typ = 'not applicable: the API takes opaque tokens (baseline.format "opaque"), which have no JOSE header';
  }
  try {
    if (!(await p.accepted(() => ({})))) {
      return {
        ...unmeasured(`not measured: the baseline token was not accepted when the measurement began (${p.lastRefusal})`, out.endpoint),
        probes: p.sent,
      };
    }
    // The steps are independent searches: up to `concurrency` of them side by side (one at a time under
    // `--concurrency 1`), their results written in step order, so the table is the same either way.
    const results = await inPool(steps, config.concurrency, async ([, step]) => {
      try {
        return { m: await step() };
      } catch (err) {
        if (!(err instanceof GaveUp)) throw err;
        return { gaveUp: err.message };
      }
    });
    steps.forEach(([key], i) => {
      const r = results[i]!;
      if (r.m) {
        (out as Values)[key] = r.m.value as never;
        out.how[key] = r.m.how;
        if (r.m.unbounded) out.unbounded.push(key);
      } else {
        out.how[key] = r.gaveUp
          ? `not measured: ${r.gaveUp}`
          : `not measured: ${TIMEOUT_BUDGET} probes got no answer within ${config.timeoutMs} ms, so the measurement stopped`;
      }
    });
  } catch (err) {
    // A harness fault (minting, the IdP) must not cost the run: the table says so instead.
    const reason = `not measured: ${(err as Error).message}`;
    for (const key of OBSERVED_KEYS) if (!out.how[key]) out.how[key] = reason;
  } finally {
    idp.restore(snapshot);
  }
  const introspections = p.introspections;
  out.introspection = p.sent > 0 ? introspections > 0 : null;
  out.how.introspection = introspections
    ? `${introspections} introspection requests reached the IdP while the ${p.sent} measurement probes were answered`
    : `no introspection request reached the IdP while the ${p.sent} measurement probes (each a fresh token) were answered: the API validates locally`;
  out.probes = p.sent;
  return out;
}
