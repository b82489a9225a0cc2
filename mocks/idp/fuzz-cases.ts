/**
 * The requests the IdP fuzz tests send (fuzz.test.ts over real HTTP, fuzz-msw.test.ts in process) and
 * the rule every answer must keep: a JSON 4xx naming the problem, or the endpoint's own success; no
 * 5xx but an outage a control call injected; no stack trace or exception text. Test support only.
 */
import fc from 'fast-check';
import { MAX_BODY_BYTES } from './limits.ts';
import { CONTROL_HEADER } from './secret.ts';

export interface Fuzzed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

type Slot = 'own' | 'origin' | 'secret' | 'basic';

/** A header value that the test fills in per IdP (its port, its secret, its client), or a literal. */
type Value = string | { slot: Slot };

const OWN_PATHS = [
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
  '/jwks',
  '/token',
  '/introspect',
  '/revoke',
  '/authorize',
  '/_gauntlet/attacker/jwks',
  '/_gauntlet/journal',
  '/_gauntlet/journal?since=abc',
  '/_gauntlet/state',
  '/_gauntlet/audit',
  '/_gauntlet/revoke',
  '/_gauntlet/disable-subject',
  '/_gauntlet/block-client',
  '/_gauntlet/fail',
  '/_gauntlet/keys/next',
  '/_gauntlet/keys/rotate',
  '/_gauntlet/keys/activate',
  '/_gauntlet/keys/retire',
  '/_gauntlet/reset',
  '/_gauntlet/',
  '/_gauntlet/__proto__',
  '/constructor',
];

const ODD_PATHS = [
  '/',
  '//jwks',
  '/jwks/../_gauntlet/state',
  '/%2e%2e/jwks',
  '/jwks%00',
  '/token?grant_type=client_credentials',
  '/\u00e9\u00ff\u0080',
  '/%FF%FE%C0%AF',
  `/${'a'.repeat(4000)}`,
  '*',
  'http://attacker.example/jwks',
  'http://[::1/jwks',
  'https://127.0.0.1/jwks',
  'http://user:pw@127.0.0.1/jwks',
];

const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...OWN_PATHS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `/${encodeURI(s)}`) },
);

const method = fc.constantFrom(
  'GET',
  'GET',
  'POST',
  'POST',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'TRACK',
  'PROPFIND',
);

/** Present in about one request in `1 + absent`: hostile headers are rare, so most requests get past the guard. */
const sometimes = (absent: number, arb: fc.Arbitrary<Value>): fc.Arbitrary<Value | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const usually = (arb: fc.Arbitrary<Value>): fc.Arbitrary<Value | undefined> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: arb });

const headerArbs = {
  host: sometimes(6, fc.constantFrom<Value>('attacker.example', 'localhost', '[::1]', 'a@b', '127.0.0.1:1', 'x'.repeat(300), '')),
  'content-type': usually(
    fc.constantFrom<Value>(
      'application/json',
      'application/json',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      ';;;',
    ),
  ),
  authorization: usually(
    fc.constantFrom<Value>(
      { slot: 'basic' },
      { slot: 'basic' },
      { slot: 'basic' },
      'Basic',
      'Basic !!!',
      'Basic OjpfOg==',
      'Bearer abc',
      'Basic ' + Buffer.from('%zz:%').toString('base64'),
    ),
  ),
  [CONTROL_HEADER]: usually(fc.constantFrom<Value>({ slot: 'secret' }, { slot: 'secret' }, { slot: 'secret' }, 'wrong', '')),
  origin: sometimes(8, fc.constantFrom<Value>('http://attacker.example', 'null', 'http://127.0.0.1:1', { slot: 'origin' })),
  'sec-fetch-site': sometimes(8, fc.constantFrom<Value>('cross-site', 'same-site', 'same-origin', 'none', 'bogus')),
  'x-forwarded-host': sometimes(8, fc.constantFrom<Value>('attacker.example')),
  'content-encoding': sometimes(8, fc.constantFrom<Value>('gzip', 'br')),
  'transfer-encoding': sometimes(6, fc.constantFrom<Value>('chunked')),
  upgrade: sometimes(8, fc.constantFrom<Value>('websocket', 'h2c')),
  expect: sometimes(8, fc.constantFrom<Value>('100-continue')),
};
const headers = fc.record(headerArbs);

const jsonBodies = [
  'null',
  'true',
  '[]',
  '[null]',
  '42',
  '"str"',
  '{',
  '{"jti":null}',
  '{"jti":{"a":1}}',
  '{"jti":"x","__proto__":{"polluted":1}}',
  '{"endpoint":"jwks","mode":"stall"}',
  '{"endpoint":"introspect","mode":"fail"}',
  '{"endpoint":"discovery"}',
  '{"endpoint":"jwks","mode":"ok"}',
  '{"alg":"ES256"}',
  '{"alg":"HS256"}',
  '{"alg":null}',
  '{"kid":"nope"}',
  '{"sub":"gauntlet-user"}',
  '{"client_id":"gauntlet-client"}',
  '{"requestId":"r","code":"TokenExpired"}',
  '{}',
];

const formBodies = [
  'grant_type=client_credentials',
  'grant_type=client_credentials&grant_type=refresh_token',
  'grant_type=refresh_token&refresh_token=garbage',
  'grant_type=refresh_token',
  'scope=x',
  'grant_type=client_credentials&client_id=gauntlet-client&client_secret=wrong',
  'token=garbage',
  'token=a.b.c&token=a.b.c',
  'token=%E0%A4%A',
  'grant_type=%00&&&==',
  '',
];

const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom(...jsonBodies).map((s) => Buffer.from(s)) },
  { weight: 3, arbitrary: fc.constantFrom(...formBodies).map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b]), Buffer.from('{"jti":"\ud800"}'), Buffer.from('%C0%AF=%FF')) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_BODY_BYTES - 2, max: 3 * MAX_BODY_BYTES }).map((n) => Buffer.alloc(n, '{')) },
);

export interface Template {
  method: string;
  path: string;
  headers: Record<string, Value | undefined>;
  body: Buffer | undefined;
}

/** Anything at all: mostly refused at the guard, the router or the body parser. */
const anyRequest: fc.Arbitrary<Template> = fc.record({ method, path, headers, body });

const JSON_CT: Value = 'application/json';
const FORM_CT: Value = 'application/x-www-form-urlencoded';
const SECRET: Value = { slot: 'secret' };
const BASIC: Value = { slot: 'basic' };

/** Control calls that succeed: they change what the next request in the sequence meets. */
const VALID_CONTROL: Array<[string, string]> = [
  ['/_gauntlet/revoke', '{"jti":"j1"}'],
  ['/_gauntlet/disable-subject', '{"sub":"gauntlet-user"}'],
  ['/_gauntlet/block-client', '{"client_id":"gauntlet-client"}'],
  ['/_gauntlet/fail', '{"endpoint":"jwks","mode":"stall"}'],
  ['/_gauntlet/fail', '{"endpoint":"introspect","mode":"fail"}'],
  ['/_gauntlet/fail', '{"endpoint":"discovery"}'],
  ['/_gauntlet/keys/next', '{}'],
  ['/_gauntlet/keys/rotate', '{"alg":"EdDSA"}'],
  ['/_gauntlet/reset', ''],
  ['/_gauntlet/audit', '{"requestId":"r","code":"TokenExpired"}'],
];

/** A request an honest caller would send to one endpoint, so that the endpoints' own code runs. */
const honest: fc.Arbitrary<Template> = fc.oneof(
  fc
    .constantFrom('/jwks', '/.well-known/openid-configuration', '/_gauntlet/attacker/jku-1')
    .map((p) => ({ method: 'GET', path: p, headers: {}, body: undefined })),
  fc
    .constantFrom('/_gauntlet/journal', '/_gauntlet/journal?since=3', '/_gauntlet/state', '/_gauntlet/audit')
    .map((p) => ({ method: 'GET', path: p, headers: { [CONTROL_HEADER]: SECRET }, body: undefined })),
  fc.tuple(fc.constantFrom('/token', '/introspect', '/revoke'), fc.constantFrom(...formBodies)).map(([p, b]) => ({
    method: 'POST',
    path: p,
    headers: { 'content-type': FORM_CT, authorization: BASIC },
    body: Buffer.from(b),
  })),
  fc
    .tuple(
      fc.constantFrom(...OWN_PATHS.filter((p) => p.startsWith('/_gauntlet/') && !p.includes('attacker'))),
      fc.constantFrom(...jsonBodies),
    )
    .map(([p, b]) => ({
      method: 'POST',
      path: p,
      headers: { 'content-type': JSON_CT, [CONTROL_HEADER]: SECRET },
      body: Buffer.from(b),
    })),
  fc.constantFrom(...VALID_CONTROL).map(([p, b]) => ({
    method: 'POST',
    path: p,
    headers: { 'content-type': JSON_CT, [CONTROL_HEADER]: SECRET },
    body: Buffer.from(b),
  })),
);

/** An honest request with one thing changed: a header replaced or dropped, the body or the method swapped. */
const mutated: fc.Arbitrary<Template> = fc
  .tuple(
    honest,
    fc.constantFrom(...(Object.keys(headerArbs) as Array<keyof typeof headerArbs>)),
    fc.integer({ min: 0, max: 3 }),
    headers,
    body,
    method,
  )
  .map(([t, name, what, hs, b, m]) => {
    if (what === 0) return { ...t, headers: { ...t.headers, [name]: hs[name] } };
    if (what === 1) return { ...t, body: b };
    if (what === 2) return { ...t, method: m };
    const { [name]: _dropped, ...rest } = t.headers;
    return { ...t, headers: rest };
  });

const template: fc.Arbitrary<Template> = fc.oneof(
  { weight: 2, arbitrary: honest },
  { weight: 3, arbitrary: mutated },
  { weight: 2, arbitrary: anyRequest },
);

/** One to four requests: a control call may change what the next one meets. */
export const sequence = fc.array(template, { minLength: 1, maxLength: 4 });

/** What a slot stands for at one IdP. */
export interface Slots {
  /** Its host:port. */
  own: string;
  /** Its own origin. */
  origin: string;
  secret: string;
  /** A Basic header for its registered client. */
  basic: string;
}

export function fill(t: Template, slots: Slots): Fuzzed {
  const filled: Record<string, string> = {};
  for (const [name, v] of Object.entries(t.headers)) if (v !== undefined) filled[name] = typeof v === 'string' ? v : slots[v.slot];
  if (!('host' in filled)) filled.host = slots.own;
  // '' stands for no Host header at all.
  if (filled.host === '') delete filled.host;
  return { method: t.method, path: t.path, headers: filled, body: t.body };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const EXCEPTION_TEXT =
  /\bat \S+ \(|\bat .*:\d+:\d+|\b(Type|Reference|Syntax|Range)Error\b|Error: |Cannot read propert|is not a function|is not defined|undefined is not|node:internal|file:\/\/|\.ts:\d+|\/work\//;

/** Why this answer breaks the rules, or undefined. */
export function problem(r: Fuzzed, a: Answer | { closed: string }, failureInjected: boolean): string | undefined {
  if ('closed' in a) return `no HTTP answer: ${a.closed}`;
  if (EXCEPTION_TEXT.test(a.text)) return `${a.status} with exception text: ${a.text.slice(0, 200)}`;
  const injected = failureInjected && (a.status === 503 || a.status === 504) && /"temporarily_unavailable"/.test(a.text);
  if (a.status >= 500 && !injected) return `${a.status}: ${a.text.slice(0, 200)}`;
  if (a.status === 204 || r.method === 'HEAD') return undefined;
  if (!String(a.headers['content-type']).startsWith('application/json'))
    return `${a.status} without a JSON body (${a.headers['content-type']})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.text);
  } catch {
    return `${a.status} with a body that is not JSON: ${a.text.slice(0, 100)}`;
  }
  if (a.status >= 400) {
    const e = parsed as { error?: unknown; error_description?: unknown };
    if (typeof e.error !== 'string' || typeof e.error_description !== 'string') return `${a.status} without error and error_description`;
  }
  if (a.status === 405 && !a.headers.allow) return '405 without Allow';
  return undefined;
}
