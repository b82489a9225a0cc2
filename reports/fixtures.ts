/**
 * Fixture reports for the writers' tests: a realistic run against two endpoints with every verdict
 * (pass, fail critical/major/minor, skip, error), a decoded token, a property with two distinct
 * failures (a critical and a major, each with a shrunk counterexample and its path), and hostile strings (markup, `</script>`, quotes, pipes, line breaks, non-ASCII and
 * a control character XML 1.0 forbids) where a target or a scenario could put them.
 */
import { cwe, rfc, source } from '../scenarios/lib/refs.ts';
import type { ObservedPolicy } from '../harness/core/observed-policy.ts';
import {
  summarize,
  type ExpectedAnswer,
  type PropertyCounterexample,
  type PropertyFailure,
  type PropertyResult,
  type Report,
  type ResultRow,
} from '../harness/report.ts';

export const NASTY = {
  xss: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert("pwned")</script>',
  /** Quotes, markup characters, a pipe, a line break, non-ASCII, an emoji and U+0001. */
  tricky: `quote " apostrophe ' less < greater > amp & pipe | back\\slash line\nbreak naïve Ünïcødé 🔑 ctrl\u0001end`,
} as const;

const TARGET = 'http://orders.internal:8080';
const ISSUER = 'http://127.0.0.1:9400';
const NOW = 1_795_330_758;

const header = { alg: 'RS256', typ: 'at+jwt', kid: 'cfEnY_QJmGcikp7tWzpHXG2mrUZZRsBMOkdAffEa7do' };
const claims = {
  iss: ISSUER,
  sub: 'gauntlet-admin',
  aud: 'https://orders.example',
  exp: NOW - 3600,
  iat: NOW - 7200,
  jti: 'e8263b52-4228-4eb7-bec0-ace8a085a805',
  client_id: 'gauntlet-client',
  scope: 'orders:read',
};
const TOKEN_VALUE = 'eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJnYXVudGxldC1hZG1pbiJ9.c2lnbmF0dXJl';

function curl(path: string, token?: string): string {
  return `curl -i -X GET '${TARGET}${path}'${token ? ` -H 'authorization: Bearer ${token}'` : ''} -H 'x-request-id: 75ab771c-7547-44c6-a7a8-7969a1df8c3c'`;
}

const IT: ExpectedAnswer = { classes: ['IT'], status: [401], error: 'invalid_token', message: null, auditCode: null };

function row(over: Partial<ResultRow> & Pick<ResultRow, 'scenario' | 'title' | 'endpoint' | 'category' | 'refs'>): ResultRow {
  const path = over.endpoint.split(' ')[1] ?? '/';
  return {
    severity: null,
    verdict: 'pass',
    expected: IT,
    observed: {
      status: 401,
      wwwAuthenticate: ['Bearer realm="api", error="invalid_token"'],
      body: '{"error":"invalid_token"}',
      auditCode: null,
      durationMs: 4,
    },
    failures: [],
    findings: [],
    reproduce: curl(path, TOKEN_VALUE),
    resolution: 'Reject the token with 401 and `WWW-Authenticate: Bearer error="invalid_token"`.',
    token: null,
    variants: [],
    ...over,
  };
}

export function fixtureResults(): ResultRow[] {
  return [
    row({
      scenario: 'no-credentials',
      title: 'No token at all',
      endpoint: 'GET /orders',
      category: 'presence',
      refs: [rfc(6750, '3'), source('expired-certificate incident')],
      expected: { classes: ['NC'], status: [401], error: null, message: null, auditCode: null },
      observed: { status: 401, wwwAuthenticate: ['Bearer realm="api"'], body: '', auditCode: 'MissingToken', durationMs: 2 },
      reproduce: curl('/orders'),
    }),
    row({
      scenario: 'expired',
      title: 'Expired token (exp one hour ago)',
      endpoint: 'GET /orders',
      category: 'time',
      severity: 'critical',
      verdict: 'fail',
      refs: [rfc(7519, '4.1.4'), rfc(9068, '4'), source('login audit trail')],
      expected: { classes: ['IT'], status: [401], error: 'invalid_token', message: 'the token has expired', auditCode: ['TokenExpired'] },
      observed: {
        status: 200,
        wwwAuthenticate: [],
        body: `{"orders":[{"id":1,"note":"${NASTY.xss}"}],"debug":"${NASTY.script.replaceAll('"', '\\"')}"}`,
        auditCode: null,
        durationMs: 12,
      },
      failures: [
        'the API accepted a token it must reject: expected 401 invalid_token, got 200',
        `no audit code was logged; expected TokenExpired (body said ${NASTY.xss})`,
      ],
      findings: [
        { check: 'status', severity: 'critical', message: 'the API accepted a token it must reject: expected 401 invalid_token, got 200' },
        { check: 'audit-code', severity: 'minor', message: `no audit code was logged; expected TokenExpired (body said ${NASTY.xss})` },
      ],
      reproduce: curl('/orders', TOKEN_VALUE),
      resolution: 'Check `exp` on every request and reject an expired token with 401 invalid_token (allow at most a small leeway).',
      token: { header, claims, value: TOKEN_VALUE },
    }),
    row({
      scenario: 'alg-none',
      title: 'Unsigned token (alg: none)',
      endpoint: 'GET /orders',
      category: 'algorithm',
      refs: [rfc(8725, '3.1'), rfc(7519, '6'), cwe(347)],
    }),
    row({
      scenario: 'sig-tampered',
      title: 'Payload changed after signing, signature kept',
      endpoint: 'GET /admin',
      category: 'signature',
      severity: 'major',
      verdict: 'fail',
      refs: [rfc(7515, '5.2'), rfc(8725, '3.1'), cwe(347)],
      observed: {
        status: 500,
        wwwAuthenticate: [],
        body: `<html><body>Internal Server Error: ${NASTY.script}</body></html>`,
        auditCode: null,
        durationMs: 31,
      },
      failures: ['the API answered 500 to an invalid token: expected 401 invalid_token (it must fail closed with 401, not crash)'],
      findings: [
        {
          check: 'status',
          severity: 'major',
          message: 'the API answered 500 to an invalid token: expected 401 invalid_token (it must fail closed with 401, not crash)',
        },
      ],
      resolution: 'Catch signature verification errors and answer 401 invalid_token instead of an internal error.',
      token: { header: { ...header }, claims: { ...claims, exp: NOW + 300, scope: 'admin' } },
    }),
    row({
      scenario: 'wrong-audience',
      title: `Audience of another API ${NASTY.tricky}`,
      endpoint: 'GET /orders',
      category: 'identity',
      severity: 'minor',
      verdict: 'fail',
      refs: [rfc(9068, '4'), rfc(6750, '3.1'), rfc(7519, '4.1.3')],
      observed: {
        status: 401,
        wwwAuthenticate: ['Bearer realm="api"'],
        body: `{"message":"${NASTY.tricky.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"}`,
        auditCode: null,
        durationMs: 5,
      },
      failures: [`the challenge has no error="invalid_token": got Bearer realm="api" — ${NASTY.tricky}`],
      findings: [
        {
          check: 'challenge',
          severity: 'minor',
          message: `the challenge has no error="invalid_token": got Bearer realm="api" — ${NASTY.tricky}`,
        },
      ],
      resolution: 'Add `error="invalid_token"` to the `WWW-Authenticate: Bearer` challenge when the audience does not match.',
      token: { header, claims: { ...claims, aud: 'https://billing.example', note: NASTY.tricky } },
    }),
    row({
      scenario: 'typ-jwt',
      title: 'typ JWT instead of at+jwt',
      endpoint: 'GET /orders',
      category: 'type',
      refs: [rfc(9068, '2.1'), rfc(8725, '3.11')],
    }),
    row({
      scenario: 'wrong-issuer',
      title: 'Issuer the API does not trust',
      endpoint: 'GET /admin',
      category: 'identity',
      refs: [rfc(9068, '4'), rfc(7519, '4.1.1'), source('login audit trail')],
      expected: { ...IT, auditCode: ['UntrustedIssuer'] },
      observed: {
        status: 401,
        wwwAuthenticate: ['Bearer realm="api", error="invalid_token"'],
        body: '',
        auditCode: 'UntrustedIssuer',
        durationMs: 3,
      },
    }),
    row({
      scenario: 'insufficient-scope',
      title: 'Token without the scope the endpoint needs',
      endpoint: 'GET /orders',
      category: 'scope',
      refs: [rfc(6750, '3.1')],
      verdict: 'skip',
      skipReason: 'the endpoint requires no scope, so no token can lack one',
      expected: { classes: ['IS'], status: [403], error: 'insufficient_scope', message: null, auditCode: null },
      observed: null,
      reproduce: null,
    }),
    row({
      scenario: 'revoked',
      title: 'Revoked token (introspection says inactive)',
      endpoint: 'GET /admin',
      category: 'revocation',
      refs: [rfc(7662, '2.2'), source('login audit trail')],
      verdict: 'error',
      error: 'the request could not be sent: Invalid character in header content ["authorization"]',
      failures: ['harness error: the request could not be sent: Invalid character in header content ["authorization"]'],
      expected: { ...IT, auditCode: ['TokenRevoked'] },
      observed: null,
      reproduce: null,
    }),
    row({
      scenario: 'introspection-down',
      title: "The IdP's introspection endpoint fails, then stalls",
      endpoint: 'GET /orders',
      category: 'revocation',
      refs: [rfc(7662, '2')],
      verdict: 'skip',
      skipReason:
        'not applicable: declared stateless (--revocation none): a revoked token stays valid until exp; observed maximum lifetime 7200 s (2 h)',
      expected: { classes: ['REJECT'], status: [], error: null, message: null, auditCode: null },
      observed: null,
      reproduce: null,
    }),
    row({
      scenario: 'jwks-down',
      title: 'The JWKS endpoint fails while a new kid is presented',
      endpoint: 'GET /admin',
      category: 'revocation',
      refs: [rfc(7517, '5')],
      verdict: 'skip',
      skipReason: 'excluded by --skip',
      expected: { classes: ['REJECT'], status: [], error: null, message: null, auditCode: null },
      observed: null,
      reproduce: null,
    }),
  ];
}

/** A measured policy as a run against a local validator with a 60 s leeway records it. */
export function fixtureObservedPolicy(): ObservedPolicy {
  return {
    expLeeway: 60,
    nbfLeeway: 60,
    iatLeeway: null,
    maxLifetime: 7200,
    algorithms: ['RS256', 'ES256'],
    typ: ['at+jwt', 'application/at+jwt'],
    introspection: false,
    how: {
      expLeeway: 'exp = now − d: accepted at d = 59 s, refused from d = 60 s (binary search over d = −1…600 s, 12 probes)',
      nbfLeeway: 'nbf = now + d: accepted up to d = 60 s, refused from d = 61 s (binary search over d = 0…600 s, 12 probes)',
      iatLeeway: `iat = now + d (exp = iat + lifetime): still accepted at the end of the search (binary search over d = 0…600 s, 1 probe), so no limit within it ${NASTY.xss}`,
      maxLifetime:
        'iat = now, exp = now + d: accepted up to d = 7200 s, refused from d = 7201 s (binary search over d = 300 s…2592000 s (30 d), 24 probes)',
      algorithms: 'the baseline signed with each loaded IdP key (RS256, PS256, ES256, EdDSA), one probe each',
      typ: 'the baseline with typ at+jwt, application/at+jwt, JWT, none ("none": no typ member), one probe each',
      introspection:
        'no introspection request reached the IdP while the 62 measurement probes (each a fresh token) were answered: the API validates locally',
    },
    unbounded: ['iatLeeway'],
    endpoint: 'GET /orders',
    probes: 62,
  };
}

/** A failed property's counterexample as harness/properties/run-properties.ts writes it. */
const COUNTEREXAMPLE: PropertyCounterexample = {
  mutations: [
    { kind: 'time', claim: 'exp', from: 'leeway', offset: -1 },
    { kind: 'header', member: 'typ', variant: 'JWT' },
  ],
  case: 'exp = now − leeway − 1 s + typ JWT',
  severity: 'critical',
  shrinks: 7,
  scopes: ['admin'],
  policy: { leeway: 60, maxLifetime: 3600, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'], typ: 'at+jwt' },
  expected: { classes: ['IT'], reasons: ['exp is before now − leeway (RFC 7519 §4.1.4)', `typ must be at+jwt (RFC 9068 §4) ${NASTY.xss}`] },
  observed: { status: 200, wwwAuthenticate: [], body: '{"ok":true}', auditCode: null, durationMs: 6 },
  header: { ...header, typ: 'JWT' },
  claims: { ...claims, exp: NOW - 61, scope: 'admin', note: NASTY.xss },
  token: TOKEN_VALUE,
};

/** The same property's second, less severe failure: a nested aud answered 500. */
const NESTED_AUD: PropertyCounterexample = {
  mutations: [{ kind: 'audience', shape: 'nested' }],
  case: 'aud nested',
  severity: 'major',
  shrinks: 0,
  scopes: ['admin'],
  policy: COUNTEREXAMPLE.policy,
  expected: { classes: ['IT'], reasons: ['C2: aud [["https://orders.example"]] does not contain the audience'] },
  observed: { status: 500, wwwAuthenticate: [], body: `TypeError: a.trim is not a function ${NASTY.xss}`, auditCode: null, durationMs: 3 },
  header,
  claims: { ...claims, aud: [['https://orders.example']], scope: 'admin' },
  token: TOKEN_VALUE,
};

const COMBINED_FAILURES: PropertyFailure[] = [
  {
    severity: 'critical',
    answer: 'OK',
    rules: ['C3', 'H4'],
    path: '17:3:0:1',
    failures: [`the API accepted a token it must reject: expected 401 invalid_token, got 200 ${NASTY.script}`],
    reproduce: curl('/admin', TOKEN_VALUE),
    counterexample: COUNTEREXAMPLE,
  },
  {
    severity: 'major',
    answer: '5xx',
    rules: ['C2'],
    path: '42',
    failures: ['aud nested: expected invalid_token, got 500'],
    reproduce: curl('/admin', `${TOKEN_VALUE}x`),
    counterexample: NESTED_AUD,
  },
];

export function fixtureProperties(): PropertyResult[] {
  return [
    {
      property: 'time',
      endpoint: 'GET /orders',
      seed: -1_204_981_337,
      path: null,
      runs: 100,
      verdict: 'pass',
      counterexample: null,
      distinctFailures: [],
      failures: [],
      reproduce: null,
    },
    {
      property: 'combined',
      endpoint: 'GET /admin',
      seed: 424_242,
      path: '17:3:0:1',
      runs: 100,
      verdict: 'fail',
      counterexample: COUNTEREXAMPLE,
      distinctFailures: COMBINED_FAILURES,
      failures: COMBINED_FAILURES.flatMap((f) => f.failures),
      reproduce: curl('/admin', TOKEN_VALUE),
    },
  ];
}

/** A realistic report with every verdict, a token, a failed property and hostile strings. */
export function fixtureReport(over: Partial<Report> = {}): Report {
  const results = fixtureResults();
  const properties = fixtureProperties();
  return {
    schemaVersion: 1,
    tool: { name: 'token-gauntlet', version: '0.1.0' },
    startedAt: '2026-11-22T06:59:17.713Z',
    finishedAt: '2026-11-22T06:59:19.014Z',
    partial: false,
    stop: null,
    target: TARGET,
    profile: 'rfc6750',
    idp: { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` },
    baseline: { alg: 'RS256', typ: 'at+jwt', audience: 'https://orders.example', accepted: true },
    endpoints: ['GET /orders', 'GET /admin'],
    seed: 424_242,
    // Declared 30 s, measured 60 s: the table must flag the difference.
    declaredPolicy: { leeway: 30, maxLifetime: 7200, algorithms: null, revocation: 'none' },
    observedPolicy: fixtureObservedPolicy(),
    summary: summarize(results, properties),
    results,
    properties,
    ...over,
  };
}

/** A report in which every check passed. */
export function passingReport(): Report {
  const results = fixtureResults().filter((r) => r.verdict === 'pass');
  const properties = fixtureProperties().filter((p) => p.verdict === 'pass');
  return fixtureReport({ results, properties, summary: summarize(results, properties) });
}
