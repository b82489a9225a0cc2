/**
 * The model oracle: a pure function from what was sent (the decoded header and claims, the key that
 * really signed, how the credential was carried), the API's declared policy and the API's clock
 * reading `now`, to the answer classes a correct API may give. Usually one class; a set where the specs
 * leave a choice (a fractional NumericDate may be accepted or refused), never "anything".
 *
 * Rules (RFC 6750, RFC 7519, RFC 9068 §4, RFC 8725); the first group that applies decides:
 *   Transport (only when the token travels in an Authorization header with a scheme):
 *     T1 a line break anywhere in the header value                      → REJECT with a 4xx (no 2xx, no 5xx)
 *     T2 a scheme other than the declared one (case-insensitive), or none → NC (RFC 9110 §11.1)
 *     T3 a tab between scheme and token                                 → NC, IT or IR
 *     T4 more than one SP after the scheme, leading/trailing whitespace → the token's answer, or IT or IR
 *        (RFC 6750 §2.1 allows 1*SP and HTTP strips OWS, but many APIs refuse: tolerated either way)
 *   Token (any failure → IT, RFC 9068 §4; only then scope):
 *     H1 alg a string on the allowlist, equal to the signing key's alg (so never none, HS*, another case)
 *     H2 a trusted published key signed (no none, HMAC or foreign key)
 *     H3 kid a string naming that key (the IdP publishes several keys, so kid is required)
 *     H4 typ a string equal to the required typ, case-insensitively, with or without `application/`
 *     C1 iss exactly the issuer; C2 aud exactly the audience, or an array of strings containing it
 *     C3 exp required, a NumericDate, expired once exp ≤ now − leeway
 *     C4 nbf optional, a NumericDate, refused while nbf > now + leeway
 *     C5 iat required, a NumericDate, refused while iat > now + leeway
 *        (no leeway declared: the ceiling LEEWAY_CEILING stands for it, and a time up to it past the
 *        boundary, 0 < exp distance ≤ 300 s, allows both OK and IT: an API may be stricter than any default)
 *     C6 exp − iat ≤ maxLifetime (none declared: a lifetime beyond the baseline's allows both OK and IT)
 *     D  a NumericDate is a JSON number: non-negative safe integers are plain; fractions, negatives and
 *        values beyond 2^53 compare by value but may also be refused (tolerated: adds IT); any other
 *        JSON type (numeric string, null, array…) is IT
 *     C7 sub, client_id, jti: RFC 9068 §2.2 requires each, so one missing is IT; §4 does not validate
 *        their values, and an API may or may not know its subjects and clients: a sub or client_id
 *        other than the baseline's, a jti empty or not a string, is tolerated (adds IT)
 *     C8 when the request also carries a client id (the gateway messages), client_id must be exactly it
 *   Scope (a valid token):
 *     P1 the endpoint needs scopes: all of them among scope.split(' ') → OK; some missing → IS;
 *        scope absent, empty or not a string → IS or IT
 *     P2 the endpoint needs none: OK; a scope that is not a string is tolerated (adds IT)
 *
 * Time: the oracle judges one `now`. The caller does not know the exact second the API read its clock,
 * only that it lies between minting and the answer; `expectedOver` judges every second of that window
 * and says whether they agree (see exercise.ts for how the window is kept to one second).
 */
import type { StatusRule } from '../core/status.ts';
import type { AnswerClass } from '../core/answer.ts';
import { LEEWAY_CEILING } from '../policy/declared.ts';

/** What the API declares it enforces, for one endpoint. */
export interface Policy {
  issuer: string;
  audience: string;
  /** Declared clock skew tolerated on exp, nbf and iat, seconds; null: none declared (see C3–C5). */
  leeway: number | null;
  /** Declared largest exp − iat accepted, seconds; null: none declared (see C6). */
  maxLifetime: number | null;
  /** The baseline's lifetime (exp − iat): the baseline check proved it accepted. */
  lifetime: number;
  algorithms: readonly string[];
  /** Required typ (short form). */
  typ: string;
  /** Scopes the endpoint needs. */
  scopes: readonly string[];
  /** The Authorization scheme (Bearer) when the token travels there; null when it goes elsewhere. */
  scheme: string | null;
  /** The subject and client the baseline names. */
  subject: string;
  clientId: string;
  /** The request also carries the client id (the gateway's second credential): the token's must match it. */
  clientIdSent: boolean;
}

/** How the credential was carried in the Authorization header, when that was varied. */
export interface CredentialFacts {
  scheme: string;
  gap: string;
  lead: string;
  trail: string;
  lineBreak: boolean;
}

export interface TokenFacts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The published IdP key that really signed; null for none, HMAC or a foreign key. */
  signer: { kid: string; alg: string } | null;
  /** Absent: carried the normal way. */
  credential?: CredentialFacts;
}

export type RuleId =
  'T1' | 'T2' | 'T3' | 'T4' | 'H1' | 'H2' | 'H3' | 'H4' | 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'D' | 'P1' | 'P2';

/** One rule the request breaks: `definite` decides the answer, `tolerated` only widens it. */
export interface Violation {
  rule: RuleId;
  kind: 'definite' | 'tolerated';
  why: string;
}

export interface Expected {
  /** The answer classes a correct API may give, in a stable order. */
  classes: AnswerClass[];
  /** The statuses a REJECT answer must have here (a scenario's `statuses`); unset: any non-2xx. */
  statuses?: StatusRule[];
  violations: Violation[];
}

const ORDER: AnswerClass[] = ['OK', 'IS', 'IT', 'IR', 'NC', 'REJECT'];

function sorted(classes: Iterable<AnswerClass>): AnswerClass[] {
  const set = new Set(classes);
  return ORDER.filter((c) => set.has(c));
}

function show(v: unknown): string {
  if (v === undefined) return 'absent';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type NumericDate =
  { kind: 'absent' } | { kind: 'invalid' } | { kind: 'plain'; value: number } | { kind: 'lenient'; value: number; why: string };

/** @see RFC 7519 §2 (NumericDate) */
export function numericDate(v: unknown): NumericDate {
  if (v === undefined) return { kind: 'absent' };
  if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'invalid' };
  if (Number.isSafeInteger(v) && v >= 0) return { kind: 'plain', value: v };
  const why = !Number.isInteger(v) ? 'fractional' : v < 0 ? 'negative' : 'beyond 2^53';
  return { kind: 'lenient', value: v, why };
}

/** The answer classes for one clock reading. */
export function expected(facts: TokenFacts, policy: Policy, now: number): Expected {
  const violations: Violation[] = [];
  const definite = (rule: RuleId, why: string): void => void violations.push({ rule, kind: 'definite', why });
  const tolerated = (rule: RuleId, why: string): void => void violations.push({ rule, kind: 'tolerated', why });
  const extra = new Set<AnswerClass>();

  const c = facts.credential;
  if (c && policy.scheme) {
    if (c.lineBreak) {
      definite('T1', 'a line break inside the Authorization header');
      return { classes: ['REJECT'], statuses: ['4xx'], violations };
    }
    if (c.scheme.toLowerCase() !== policy.scheme.toLowerCase()) {
      definite('T2', c.scheme ? `scheme "${c.scheme}" instead of ${policy.scheme}` : `no ${policy.scheme} scheme`);
      return { classes: ['NC'], violations };
    }
    if (c.gap.includes('\t')) {
      definite('T3', 'a tab between scheme and token');
      return { classes: sorted(['NC', 'IT', 'IR']), violations };
    }
    if (c.gap.length > 1 || c.lead || c.trail) {
      tolerated('T4', 'extra whitespace around the credential');
      extra.add('IT').add('IR');
    }
  }

  const { header: h, claims } = facts;
  if (typeof h.alg !== 'string' || !policy.algorithms.includes(h.alg))
    definite('H1', `alg ${show(h.alg)} is not on the allowlist ${policy.algorithms.join(', ')}`);
  else if (facts.signer && h.alg !== facts.signer.alg) definite('H1', `alg ${show(h.alg)} but the key is ${facts.signer.alg}`);
  if (!facts.signer) definite('H2', 'not signed by a trusted key');
  if (typeof h.kid !== 'string') definite('H3', `kid ${show(h.kid)}`);
  else if (facts.signer && h.kid !== facts.signer.kid) definite('H3', `kid ${show(h.kid)} names no key that signed`);
  const typ = typeof h.typ === 'string' ? h.typ.toLowerCase().replace(/^application\//, '') : undefined;
  if (typ !== policy.typ.toLowerCase().replace(/^application\//, '')) definite('H4', `typ ${show(h.typ)} where ${policy.typ} is required`);

  if (claims.iss !== policy.issuer) definite('C1', `iss ${show(claims.iss)}`);
  const aud = claims.aud;
  if (Array.isArray(aud)) {
    if (!aud.includes(policy.audience)) definite('C2', `aud ${show(aud)} does not contain the audience`);
    else if (!aud.every((a) => typeof a === 'string')) tolerated('C2', 'aud holds a member that is not a string');
  } else if (aud !== policy.audience) definite('C2', `aud ${show(aud)}`);

  const date = (claim: 'exp' | 'nbf' | 'iat', rule: RuleId, required: boolean): number | undefined => {
    const d = numericDate(claims[claim]);
    if (d.kind === 'absent') {
      if (required) definite(rule, `no ${claim}`);
      return undefined;
    }
    if (d.kind === 'invalid') {
      definite('D', `${claim} ${show(claims[claim])} is not a NumericDate`);
      return undefined;
    }
    if (d.kind === 'lenient') tolerated('D', `${claim} ${show(d.value)} is ${d.why}`);
    return d.value;
  };
  const exp = date('exp', 'C3', true);
  const nbf = date('nbf', 'C4', false);
  const iat = date('iat', 'C5', true);
  const leeway = policy.leeway ?? LEEWAY_CEILING;
  const bound = policy.leeway === null ? `the ${LEEWAY_CEILING} s ceiling (no leeway declared)` : `leeway ${leeway}`;
  const free = (rule: RuleId, why: string): void =>
    tolerated(rule, `${why}, within the ${LEEWAY_CEILING} s ceiling and no leeway declared`);
  if (exp !== undefined && exp <= now - leeway) definite('C3', `expired: exp ${exp} ≤ now ${now} − ${bound}`);
  else if (exp !== undefined && policy.leeway === null && exp <= now) free('C3', `exp ${exp} is ${now - exp} s past now ${now}`);
  if (nbf !== undefined && nbf > now + leeway) definite('C4', `not yet valid: nbf ${nbf} > now ${now} + ${bound}`);
  else if (nbf !== undefined && policy.leeway === null && nbf > now) free('C4', `nbf ${nbf} is ${nbf - now} s ahead of now ${now}`);
  if (iat !== undefined && iat > now + leeway) definite('C5', `issued in the future: iat ${iat} > now ${now} + ${bound}`);
  else if (iat !== undefined && policy.leeway === null && iat > now) free('C5', `iat ${iat} is ${iat - now} s ahead of now ${now}`);
  if (exp !== undefined && iat !== undefined) {
    if (policy.maxLifetime !== null && exp - iat > policy.maxLifetime)
      definite('C6', `lifetime exp − iat = ${exp - iat} s > ${policy.maxLifetime} s`);
    else if (policy.maxLifetime === null && exp - iat > policy.lifetime) {
      tolerated('C6', `lifetime exp − iat = ${exp - iat} s is beyond the baseline's ${policy.lifetime} s and no maximum lifetime declared`);
    }
  }
  // RFC 9068 §2.2: each MUST be present, as the catalogue's sub-, client-id- and jti-missing require.
  for (const claim of ['sub', 'client_id', 'jti'] as const) if (claims[claim] === undefined) definite('C7', `no ${claim}`);
  if (claims.sub !== undefined && claims.sub !== policy.subject) tolerated('C7', `sub ${show(claims.sub)} is not the baseline's subject`);
  if (claims.client_id !== policy.clientId) {
    if (policy.clientIdSent) definite('C8', `client_id ${show(claims.client_id)} is not the client id sent with it`);
    else if (claims.client_id !== undefined) tolerated('C7', `client_id ${show(claims.client_id)} is not the baseline's client`);
  }
  if (claims.jti !== undefined && (typeof claims.jti !== 'string' || claims.jti === '')) tolerated('C7', `jti ${show(claims.jti)}`);

  const tolerates = violations.some((v) => v.kind === 'tolerated' && v.rule !== 'T4');
  if (tolerates) extra.add('IT');
  if (violations.some((v) => v.kind === 'definite')) return { classes: sorted(['IT', ...extra]), violations };

  const scope = claims.scope;
  if (policy.scopes.length === 0) {
    if (scope !== undefined && typeof scope !== 'string') {
      tolerated('P2', `scope ${show(scope)} is not a string`);
      extra.add('IT');
    }
    return { classes: sorted(['OK', ...extra]), violations };
  }
  const granted = typeof scope === 'string' ? new Set(scope.split(' ').filter(Boolean)) : new Set<string>();
  if (granted.size === 0) {
    tolerated('P1', `scope ${show(scope)} grants nothing`);
    return { classes: sorted(['IS', 'IT', ...extra]), violations };
  }
  const missing = policy.scopes.filter((s) => !granted.has(s));
  if (missing.length) {
    violations.push({ rule: 'P1', kind: 'definite', why: `scope ${show(scope)} lacks ${missing.join(' ')}` });
    return { classes: sorted(['IS', ...extra]), violations };
  }
  return { classes: sorted(['OK', ...extra]), violations };
}

export interface WindowExpected extends Expected {
  /** Every second of the window gives the same classes: the verdict does not hang on when the API read its clock. */
  stable: boolean;
}

/** Longest window judged second by second; a longer one (a stalled request) is taken as unstable. */
const MAX_WINDOW = 5;

/** The classes for every clock reading from `from` to `to` (seconds, inclusive): their union, and whether they agree. */
export function expectedOver(facts: TokenFacts, policy: Policy, from: number, to: number): WindowExpected {
  const last = Math.min(to, from + MAX_WINDOW);
  const first = expected(facts, policy, from);
  const key = first.classes.join();
  const union = new Set(first.classes);
  let stable = to <= last;
  for (let now = from + 1; now <= last; now++) {
    const e = expected(facts, policy, now);
    if (e.classes.join() !== key) stable = false;
    for (const cls of e.classes) union.add(cls);
  }
  return { classes: sorted(union), violations: first.violations, stable };
}
