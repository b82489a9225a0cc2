import type { RequestListener } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TargetSpec } from '../../harness/config.ts';
import type { TokenLocation } from '../../harness/core/token-location.ts';
import type { Report, ResultRow } from '../../harness/report.ts';
import { internalsIn } from '../lib/internals.ts';
import { invalidToken, noCredentials } from '../../mocks/targets/reference/rejection.ts';
import { referenceSteps, type Step, type Steps } from '../../mocks/targets/reference/steps.ts';
import { EXHAUSTION_IDS, notPassing, PRESENCE_IDS, referenceApi, runScenarios, serve, verdicts } from '../../test-support/run-presence.ts';

const ALL = [...PRESENCE_IDS, ...EXHAUSTION_IDS];

const inProcess = (steps: Partial<Steps> = {}): TargetSpec => ({ app: (env) => referenceApi(env, { steps }) });

const overUrl = (handler: (env: Parameters<typeof referenceApi>[0]) => RequestListener): TargetSpec => ({
  start: (env) => serve(handler(env)),
});

function rows(report: Report, scenario: string): ResultRow[] {
  return report.results.filter((r) => r.scenario === scenario);
}

/** The one row of `scenario` on `endpoint`, which must have failed with `severity`. */
function failed(report: Report, scenario: string, severity: string, endpoint = 'GET /orders'): ResultRow {
  const row = report.results.find((r) => r.scenario === scenario && r.endpoint === endpoint);
  expect(row, `${scenario} on ${endpoint}`).toBeDefined();
  expect({ verdict: row!.verdict, severity: row!.severity, failures: row!.failures }).toMatchObject({ verdict: 'fail', severity });
  return row!;
}

/**
 * An API (a gateway in front of the reference, the gateway messages style) that reads the token from a named header
 * or a cookie and nothing else: the value is handed on as the Authorization header.
 */
function readingFrom(loc: TokenLocation, handler: RequestListener): RequestListener {
  return (req, res) => {
    delete req.headers.authorization;
    const value =
      loc.in === 'header'
        ? req.headers[loc.name.toLowerCase()]
        : (req.headers.cookie ?? '')
            .split(/;\s*/)
            .find((c) => c.startsWith(`${loc.name}=`))
            ?.slice(loc.name.length + 1);
    if (typeof value === 'string') req.headers.authorization = `Bearer ${value}`;
    handler(req, res);
  };
}

describe('the presence and exhaustion scenarios against the reference API', () => {
  it('all pass over a URL, custom-location skipped for the default Authorization header', async () => {
    const report = await runScenarios(
      overUrl((env) => referenceApi(env)),
      ALL,
    );
    expect(notPassing(report)).toEqual([]);
    expect(report.results.filter((r) => r.verdict === 'skip').map((r) => r.scenario)).toEqual([
      'custom-location',
      'custom-location',
      'custom-location',
    ]);
    expect(report.results).toHaveLength(ALL.length * 3);
  });

  it('give the same verdicts in process as over a URL', async () => {
    const [a, b] = [
      await runScenarios(inProcess(), ALL),
      await runScenarios(
        overUrl((env) => referenceApi(env)),
        ALL,
      ),
    ];
    expect(notPassing(a)).toEqual([]);
    expect(verdicts(a)).toEqual(verdicts(b));
  });

  it('send every variant they name, the form-body copy only where a body makes sense', async () => {
    const report = await runScenarios(inProcess(), ['whitespace-altered', 'malformed', 'multi-method', 'wrong-scheme', 'scheme-case']);
    const variants = (id: string, endpoint = 'GET /orders') => rows(report, id).find((r) => r.endpoint === endpoint)!.variants;
    expect(variants('whitespace-altered')).toEqual([
      'two spaces after the scheme (RFC 6750 §2.1 allows 1*SP)',
      'tab after the scheme',
      'tab inside',
      'line break inside',
    ]);
    expect(variants('malformed')).toEqual(['1 segment', '2 segments', '4 segments', 'bad base64url', 'header not JSON']);
    expect(variants('multi-method')).toEqual([]);
    expect(variants('multi-method', 'POST /orders')).toEqual(['query too', 'form body too']);
    expect(variants('wrong-scheme')).toEqual(['Basic scheme', 'Token scheme']);
    expect(variants('scheme-case')).toEqual(['scheme "bearer"', 'scheme "BEARER"']);
  });
});

describe('the presence scenarios replayed through a custom token location', () => {
  const header: TokenLocation = { in: 'header', name: 'access_token' };
  const cookie: TokenLocation = { in: 'cookie', name: 'at' };
  const expected = (report: Report) =>
    Object.fromEntries(report.results.filter((r) => r.endpoint === 'GET /orders').map((r) => [r.scenario, r.verdict]));
  const SCHEMELESS = {
    'wrong-scheme': 'skip',
    'scheme-case': 'skip',
    'empty-token': 'pass',
    'whitespace-altered': 'pass',
    malformed: 'pass',
    'duplicate-claims': 'pass',
    'multi-method': 'skip',
    'query-token': 'pass',
    'custom-location': 'pass',
    'leaky-error': 'pass',
    'many-dots': 'pass',
    oversized: 'pass',
  };

  it('pass in a named header (the gateway messages access_token) over a URL, scheme scenarios skipped with a reason', async () => {
    const report = await runScenarios(
      overUrl((env) => readingFrom(header, referenceApi(env))),
      ALL,
      { token: header },
    );
    expect(notPassing(report)).toEqual([]);
    expect(expected(report)).toEqual(SCHEMELESS);
    expect(rows(report, 'wrong-scheme')[0]!.skipReason).toBe(
      'the API reads tokens from the header access_token, which carries no auth scheme',
    );
    expect(rows(report, 'whitespace-altered')[0]!.variants).toEqual(['tab inside', 'line break inside']);
    expect(rows(report, 'query-token')[0]!.reproduce).toMatch(/\/orders\?access_token=ey[^']*' -H 'x-request-id/);
  });

  it('pass in a cookie in process', async () => {
    const report = await runScenarios({ app: (env) => readingFrom(cookie, referenceApi(env)) }, ALL, { token: cookie });
    expect(notPassing(report)).toEqual([]);
    expect(expected(report)).toEqual(SCHEMELESS);
    expect(rows(report, 'query-token')[0]!.variants).toEqual(['?access_token=', '?at=']);
  });

  it('send the scheme scenarios to a named header that takes a scheme', async () => {
    const loc: TokenLocation = { in: 'header', name: 'x-api-auth', scheme: 'Bearer' };
    // The gateway hands the whole value on, scheme included, so the reference judges the scheme.
    const gateway =
      (handler: RequestListener): RequestListener =>
      (req, res) => {
        const value = req.headers['x-api-auth'];
        delete req.headers.authorization;
        if (typeof value === 'string') req.headers.authorization = value;
        handler(req, res);
      };
    const report = await runScenarios(
      { app: (env) => gateway(referenceApi(env)) },
      ['wrong-scheme', 'scheme-case', 'empty-token', 'custom-location'],
      { token: loc },
    );
    expect(notPassing(report)).toEqual([]);
    expect(report.results.filter((r) => r.verdict === 'skip')).toEqual([]);
  });

  it('fail custom-location when the API stops reading its named header after the baseline', async () => {
    let served = 0;
    const forgetful =
      (handler: RequestListener): RequestListener =>
      (req, res) => {
        // The harness sends one baseline per endpoint first; after those the header is ignored.
        if (++served > 3) delete req.headers[header.name];
        handler(req, res);
      };
    const report = await runScenarios({ app: (env) => forgetful(readingFrom(header, referenceApi(env))) }, ['custom-location'], {
      token: header,
    });
    const row = failed(report, 'custom-location', 'major');
    expect(row.failures[0]).toBe('expected the header access_token to be accepted (2xx), got 401');
  });
});

/** Flawed variants of the reference API, each replacing ONE validation step. */
const bearer = (auth: string | undefined): boolean => /^bearer /i.test(auth ?? '');

const flaws: Record<string, Step> = {
  /** Takes whatever follows the first space, whatever the scheme. */
  anyScheme: (ctx) => {
    const auth = ctx.request.authorization;
    if (!auth) return noCredentials();
    ctx.token = auth.slice(auth.indexOf(' ') + 1);
  },
  /** Compares the scheme case-sensitively. */
  caseSensitiveScheme: (ctx) =>
    ctx.request.authorization?.startsWith('Bearer ') || !ctx.request.authorization
      ? referenceSteps.extractCredential(ctx)
      : noCredentials(),
  /** Calls `Bearer ` with nothing after it "no credentials". */
  emptyIsMissing: (ctx) => (/^bearer\s*$/i.test(ctx.request.authorization ?? '') ? noCredentials() : referenceSteps.extractCredential(ctx)),
  /** "Cleans up" the credential by removing every whitespace character. */
  stripsWhitespace: (ctx) => {
    const auth = ctx.request.authorization;
    if (!bearer(auth)) return noCredentials();
    ctx.token = auth!.slice(7).replace(/\s+/g, '');
  },
  /** Reads the header and never looks at the query or the body. */
  headerOnlyNoClash: (ctx) => {
    if (!bearer(ctx.request.authorization)) return noCredentials();
    ctx.token = ctx.request.authorization!.slice(7);
  },
  /** Falls back to ?access_token= when there is no header. */
  queryFallback: (ctx) => {
    const fromQuery = ctx.request.query.get('access_token');
    if (!ctx.request.authorization && fromQuery) {
      ctx.token = fromQuery;
      return undefined;
    }
    return referenceSteps.extractCredential(ctx);
  },
};

/** Decodes with JSON.parse and no guard: malformed input throws, so the API answers 500. */
const crashingParse: Step = (ctx) => {
  const [h, p] = (ctx.token ?? '').split('.');
  const decode = (s: string | undefined) => JSON.parse(Buffer.from(s as string, 'base64url').toString('utf8')) as Record<string, unknown>;
  ctx.header = decode(h);
  ctx.claims = decode(p);
};

/** Keeps the FIRST of duplicate member names, as some JSON libraries do (RFC 7519 §4 allows only the last). */
const firstWinsParse: Step = (ctx) => {
  const [h = '', p = ''] = (ctx.token ?? '').split('.');
  const decode = (s: string) => {
    const seen = new Set<string>();
    const text = Buffer.from(s, 'base64url')
      .toString('utf8')
      .replace(/"((?:[^"\\]|\\.)*)"\s*:/g, (m, name: string) => (seen.has(name) ? `"gauntlet-dup-${seen.size}":` : (seen.add(name), m)));
    return JSON.parse(text) as Record<string, unknown>;
  };
  try {
    ctx.header = decode(h);
    ctx.claims = decode(p);
  } catch {
    return invalidToken('TokenRejected');
  }
};

describe('the presence scenarios can fail', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('wrong-scheme is major when the API reads a (valid) token under any scheme', async () => {
    const row = failed(await runScenarios(inProcess({ extractCredential: flaws.anyScheme! }), ['wrong-scheme']), 'wrong-scheme', 'major');
    expect(row.failures).toContain('[Token scheme] accepted a valid token under another auth scheme: expected 401, got 200');
  });

  it('scheme-case is major when the API compares the scheme case-sensitively', async () => {
    const row = failed(
      await runScenarios(inProcess({ extractCredential: flaws.caseSensitiveScheme! }), ['scheme-case']),
      'scheme-case',
      'major',
    );
    expect(row.failures).toEqual([
      '[scheme "bearer"] expected scheme "bearer" to be accepted (2xx), got 401',
      '[scheme "BEARER"] expected scheme "BEARER" to be accepted (2xx), got 401',
    ]);
  });

  it('empty-token is minor when the API answers `Bearer ` as if no credentials were sent', async () => {
    const row = failed(
      await runScenarios(inProcess({ extractCredential: flaws.emptyIsMissing! }), ['empty-token']),
      'empty-token',
      'minor',
    );
    expect(row.failures).toEqual(['expected error="invalid_token" in the Bearer challenge, got no error code']);
  });

  it('whitespace-altered is major when the API strips whitespace from the (valid) credential, and two spaces after the scheme pass', async () => {
    const row = failed(
      await runScenarios(inProcess({ extractCredential: flaws.stripsWhitespace! }), ['whitespace-altered']),
      'whitespace-altered',
      'major',
    );
    // RFC 6750 §2.1 allows `Bearer` + several spaces: accepting that variant is right.
    expect(row.failures).toEqual(['[tab inside] accepted a valid token with whitespace added: expected 401 invalid_token, got 200']);
  });

  it('whitespace-altered catches the line break when a lenient HTTP parser unfolds it into a token the API cleans up', async () => {
    const lenient: TargetSpec = {
      start: (env) => serve(referenceApi(env, { steps: { extractCredential: flaws.stripsWhitespace! } }), { insecureHTTPParser: true }),
    };
    const row = failed(await runScenarios(lenient, ['whitespace-altered']), 'whitespace-altered', 'major');
    expect(row.failures).toContain('[line break inside] accepted a valid token with whitespace added: expected 400 or 401, got 200');
  });

  it('malformed is major when a malformed token crashes the API into a 500', async () => {
    // The reference logs each crash's stack to stderr; the answers are what this test is about.
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const row = failed(await runScenarios(inProcess({ parseToken: crashingParse }), ['malformed']), 'malformed', 'major');
    expect(row.failures).toEqual([
      '[1 segment] expected 401 invalid_token, got 500',
      '[bad base64url] expected 401 invalid_token, got 500',
      '[header not JSON] expected 401 invalid_token, got 500',
    ]);
  });

  it('duplicate-claims is critical when the API keeps the first of two members', async () => {
    const row = failed(await runScenarios(inProcess({ parseToken: firstWinsParse }), ['duplicate-claims']), 'duplicate-claims', 'critical');
    expect(row.failures.map((f) => f.replace(/\].*/, ']'))).toEqual(['[exp twice, the last expired]', '[kid twice, the last unknown]']);
  });

  it('multi-method is major when the API ignores a second copy in the query or the body', async () => {
    const report = await runScenarios(inProcess({ extractCredential: flaws.headerOnlyNoClash! }), ['multi-method']);
    const row = failed(report, 'multi-method', 'major', 'POST /orders');
    expect(row.failures.map((f) => f.replace(/\].*/, ']'))).toEqual(['[query too]', '[form body too]']);
  });

  it('query-token is major when the API falls back to ?access_token= (a valid token through a forbidden channel)', async () => {
    const row = failed(await runScenarios(inProcess({ extractCredential: flaws.queryFallback! }), ['query-token']), 'query-token', 'major');
    expect(row.failures).toEqual(['accepted a valid token sent in the query string: expected a non-2xx status, got 200']);
  });

  it('leaky-error is minor when the error answer carries a stack trace and the decoded claims', async () => {
    // A gateway in front of the reference that "helpfully" explains every 401.
    const verbose =
      (handler: RequestListener): RequestListener =>
      (req, res) => {
        const writeHead = res.writeHead.bind(res) as (status: number, headers: Record<string, unknown>) => unknown;
        const end = res.end.bind(res) as (body: string) => unknown;
        const explain = (): string => {
          const payload = Buffer.from((req.headers.authorization ?? '').split('.')[1] ?? '', 'base64url').toString('utf8');
          const stack = 'JsonWebTokenError: invalid signature\n    at /app/node_modules/jsonwebtoken/verify.js:171:19';
          return JSON.stringify({ error: 'invalid_token', stack, payload });
        };
        // The reference sets content-length for its own body; the explanation replaces that body.
        res.writeHead = ((status: number, { 'content-length': _, ...headers }: Record<string, unknown>) =>
          writeHead(status, headers)) as never;
        res.end = ((body: string) => end(res.statusCode === 401 ? explain() : body)) as never;
        handler(req, res);
      };
    const row = failed(await runScenarios({ app: (env) => verbose(referenceApi(env)) }, ['leaky-error']), 'leaky-error', 'minor');
    expect(row.failures).toEqual([
      '[bad signature] the error answer echoes claims of the refused token (CWE-209); answer with a generic message',
      '[bad signature] the error answer names internals: a stack trace, a file path, a JWT library, an exception (CWE-209); answer with a generic message and log the details',
      '[payload cut short] the error answer echoes claims of the refused token (CWE-209); answer with a generic message',
      '[payload cut short] the error answer names internals: a stack trace, a file path, a JWT library, an exception (CWE-209); answer with a generic message and log the details',
    ]);
  });
});

describe('the internals check of leaky-error', () => {
  it('names what an error answer gives away', () => {
    expect(internalsIn('Traceback (most recent call last):\n  File "/srv/api/auth.py", line 42, in check')).toEqual([
      'a stack trace',
      'a file path',
    ]);
    expect(internalsIn('{"error":"ERROR: syntax error at or near \\"OR\\" (SQLSTATE 42601)"}')).toEqual(['SQL']);
    expect(internalsIn('{"error":"jose: ERR_JWS_SIGNATURE_VERIFICATION_FAILED"}')).toEqual(['a JWT library']);
    expect(internalsIn('{"detail":"C:\\\\inetpub\\\\api\\\\web.config"}')).toEqual(['a file path']);
  });

  it('finds nothing in generic answers, even ones that use the same words in plain English', () => {
    expect(
      internalsIn(
        '{"error":"invalid_token","error_description":"the access token is malformed or not an access token","code":"TokenRejected"}',
      ),
    ).toEqual([]);
    expect(
      internalsIn('Bearer realm="api", error="invalid_token", error_description="Select a valid token from your account and update it"'),
    ).toEqual([]);
    expect(internalsIn('the JOSE header is not valid at this time')).toEqual([]);
  });
});
