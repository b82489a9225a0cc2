import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChallenge, parseWwwAuthenticate } from '../../../harness/observe/www-authenticate.ts';
import type { Forgery } from '../../idp/mint.ts';
import { startIdp, type RunningIdp } from '../../idp/serve.ts';
import { startReferenceApi, type RunningReferenceApi } from './app.ts';
import { skip } from './steps.ts';

let idp: RunningIdp;
let api: RunningReferenceApi;
let dir: string;
let auditLog: string;

beforeAll(async () => {
  idp = await startIdp();
  dir = await mkdtemp(join(tmpdir(), 'reference-api-'));
  auditLog = join(dir, 'audit.jsonl');
  api = await startReferenceApi({
    issuer: idp.idp.issuer,
    jwksUri: idp.idp.jwksUri,
    audience: idp.idp.minter.shape.audience,
    introspection: {
      endpoint: idp.idp.introspectionEndpoint,
      clientId: idp.idp.client.clientId,
      clientSecret: idp.idp.client.clientSecret,
    },
    auditLog,
  });
});

afterAll(async () => {
  await api?.close();
  await idp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call(path: string, authorization?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}${path}`, {
    headers: { ...(authorization !== undefined ? { authorization } : {}), ...headers },
  });
  const challenge = findChallenge(parseWwwAuthenticate(response.headers.get('www-authenticate') ?? undefined).challenges, 'Bearer');
  return { status: response.status, challenge, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const now = (): number => idp.idp.clock.now();
const bearer = (token: string): string => `Bearer ${token}`;
const jwksFetches = (): number => idp.idp.state.journal.filter((e) => e.path.endsWith('/jwks')).length;

describe('the reference API accepts what is valid', () => {
  it('serves /admin to a baseline token with the admin scope', async () => {
    const { token } = await idp.idp.minter.baseline(['admin']);
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, path: '/admin', sub: idp.idp.minter.shape.subject, scope: 'admin' });
  });

  it('serves /orders, which needs no scope, to a token with an empty scope', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    expect((await call('/orders', bearer(token))).status).toBe(200);
  });

  it('matches the Bearer scheme case-insensitively', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    expect((await call('/orders', `bEARER ${token}`)).status).toBe(200);
  });

  it('accepts the long form typ application/at+jwt and an audience array that contains the API', async () => {
    const audience = idp.idp.minter.shape.audience;
    const { token } = await idp.idp.minter.forge({
      header: { typ: 'Application/AT+JWT' },
      claims: { aud: ['https://other.example', audience] },
    });
    expect((await call('/orders', bearer(token))).status).toBe(200);
  });

  it('ignores a jku header and never fetches it', async () => {
    const { token } = await idp.idp.minter.forge({ header: { jku: idp.idp.attackerUrl() } });
    expect((await call('/orders', bearer(token))).status).toBe(200);
    expect(idp.idp.state.journal.some((e) => e.via === 'attacker')).toBe(false);
  });
});

describe('the reference API answers missing or misplaced credentials per RFC 6750', () => {
  it('answers no Authorization header with 401 and a challenge without an error code', async () => {
    const answer = await call('/orders');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(answer.body.code).toBe('MissingToken');
  });

  it('treats a non-Bearer scheme as no credentials', async () => {
    const answer = await call('/orders', 'Basic Zm9vOmJhcg==');
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params.error).toBeUndefined();
  });

  it('treats a token only in the query string as no credentials', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    const answer = await call(`/orders?access_token=${token}`);
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params.error).toBeUndefined();
  });

  it('answers a token in both the header and the query with 400 invalid_request', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    const answer = await call(`/orders?access_token=${token}`, bearer(token));
    expect(answer.status).toBe(400);
    expect(answer.challenge?.params.error).toBe('invalid_request');
  });

  it('answers a token in both the header and a form body with 400 invalid_request', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/orders`, {
        method: 'GET',
        headers: { authorization: bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(`access_token=${token}`);
    });
    expect(status).toBe(400);
  });

  it.each([
    ['an empty token', () => 'Bearer '],
    ['two spaces before the token', (t: string) => `Bearer  ${t}`],
    ['a tab inside the token', (t: string) => `Bearer ${t.slice(0, 20)}\t${t.slice(20)}`],
  ])('answers %s with 401 invalid_token', async (_label, authorization) => {
    const { token } = await idp.idp.minter.baseline([]);
    const answer = await call('/orders', authorization(token));
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params.error).toBe('invalid_token');
  });

  it('answers an unknown path with 404 JSON', async () => {
    const answer = await call('/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('not_found');
  });
});

describe('the reference API refuses a token without the needed scope', () => {
  it('answers an empty scope on /admin with 403 insufficient_scope and scope="admin"', async () => {
    const { token } = await idp.idp.minter.baseline([]);
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(403);
    expect(answer.challenge?.params).toMatchObject({ realm: 'api', error: 'insufficient_scope', scope: 'admin' });
    expect(answer.body.code).toBe('InvalidScope');
  });

  it('answers a case variant of the needed scope with ScopeMismatched', async () => {
    const { token } = await idp.idp.minter.baseline(['Admin', 'admin:read']);
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('ScopeMismatched');
  });

  it('answers a scope claim sent as an array with 403 insufficient_scope (as scope-tricks expects)', async () => {
    const { token } = await idp.idp.minter.forge({ claims: { scope: ['admin'] } });
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('ScopeMismatched');
  });
});

describe('the reference API rejects each forgery with 401 invalid_token and its audit code', () => {
  const cases: Array<[string, () => Forgery, string]> = [
    ['an expired token', () => ({ claims: { exp: now() - 3600, iat: now() - 3900 } }), 'TokenExpired'],
    ['a token not valid before the future', () => ({ claims: { nbf: now() + 3600 } }), 'TokenNotAcceptable'],
    ['a token issued in the future', () => ({ claims: { iat: now() + 3600, exp: now() + 3900 } }), 'TokenNotAcceptable'],
    ['a token valid for 24 hours', () => ({ claims: { iat: now(), exp: now() + 24 * 3600 } }), 'TokenValidityTooBroad'],
    ['a token without exp', () => ({ claims: { exp: undefined } }), 'TokenRejected'],
    // RFC 9068 §2.2: every one of these must be present.
    ['a token without iss', () => ({ claims: { iss: undefined } }), 'InvalidIssuer'],
    ['a token without aud', () => ({ claims: { aud: undefined } }), 'InvalidAudience'],
    ['a token without sub', () => ({ claims: { sub: undefined } }), 'TokenRejected'],
    ['a token without client_id', () => ({ claims: { client_id: undefined } }), 'TokenRejected'],
    ['a token without iat', () => ({ claims: { iat: undefined } }), 'TokenRejected'],
    ['a token without jti', () => ({ claims: { jti: undefined } }), 'TokenRejected'],
    ['a token whose sub is empty', () => ({ claims: { sub: '' } }), 'TokenRejected'],
    ['a token whose jti is a number', () => ({ claims: { jti: 42 } }), 'TokenRejected'],
    ['a token with a float exp', () => ({ claims: { exp: now() + 100.5 } }), 'TokenRejected'],
    ['a token whose kid is not in the JWKS', () => ({ header: { kid: 'no-such-kid' } }), 'MissingKey'],
    ['a token without kid', () => ({ header: { kid: undefined } }), 'MissingKeyId'],
    ['a token of typ JWT', () => ({ header: { typ: 'JWT' } }), 'InvalidTokenType'],
    ['a token without typ', () => ({ header: { typ: undefined } }), 'InvalidTokenType'],
    ['a refresh token (typ rt+jwt)', () => ({ header: { typ: 'rt+jwt' } }), 'TokenRejected'],
    ['a token from another issuer', () => ({ claims: { iss: 'https://evil.example' } }), 'InvalidIssuer'],
    ['a token from a look-alike issuer', () => ({ claims: { iss: `${idp.idp.issuer}/` } }), 'InvalidIssuer'],
    ['a token for another audience', () => ({ claims: { aud: 'https://other-api.example' } }), 'InvalidAudience'],
    [
      'a token whose payload was changed after signing',
      () => ({
        finish: (token: string) => {
          const [h, p, s] = token.split('.');
          const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
          return `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${s}`;
        },
      }),
      'InvalidSignature',
    ],
    ['a token with its signature stripped', () => ({ finish: (t: string) => `${t.slice(0, t.lastIndexOf('.'))}.` }), 'InvalidSignature'],
    ['a token signed by a foreign key under a trusted kid', () => ({ signWith: { kind: 'foreign' } }), 'InvalidSignature'],
    ['a token with alg none', () => ({ signWith: { kind: 'none' }, header: { alg: 'none' } }), 'UnsupportedAlgo'],
    ['a token with alg NONE', () => ({ signWith: { kind: 'none' }, header: { alg: 'NONE' } }), 'UnsupportedAlgo'],
    [
      'a token signed with HS256 using the public key as secret',
      () => ({ signWith: { kind: 'hmac', secret: 'public-key-pem' }, header: { alg: 'HS256' } }),
      'UnsupportedAlgo',
    ],
    ['a token signed by a key whose certificate has expired', () => ({ signWith: { kind: 'expired-cert' } }), 'InvalidSignature'],
    ['a token with an unknown critical header', () => ({ header: { crit: ['x-unknown'], 'x-unknown': 1 } }), 'TokenRejected'],
    [
      'a token with exp twice in its claims',
      () => ({ rawPayload: (c: Record<string, unknown>) => JSON.stringify(c).replace(/^\{/, `{"exp":${now() - 10},`) }),
      'TokenRejected',
    ],
    ['a token with two segments', () => ({ finish: (t: string) => t.split('.').slice(0, 2).join('.') }), 'TokenRejected'],
  ];

  it.each(cases)('rejects %s', async (_label, forgery, code) => {
    const { token } = await idp.idp.minter.forge(forgery(), ['admin']);
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params).toMatchObject({ realm: 'api', error: 'invalid_token' });
    expect(answer.body.code).toBe(code);
    expect(JSON.stringify(answer.body)).not.toContain(token.split('.')[1]);
  });

  it('rejects a token revoked at the IdP as TokenBlocked', async () => {
    const { token, claims } = await idp.idp.minter.baseline(['admin']);
    idp.idp.state.revokedJtis.add(String(claims.jti));
    const answer = await call('/admin', bearer(token));
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params.error).toBe('invalid_token');
    expect(answer.body.code).toBe('TokenBlocked');
  });

  it('refetches the JWKS for one unknown kid at most once per ten seconds', async () => {
    const { token } = await idp.idp.minter.forge({ header: { kid: 'spammed-kid' } });
    const before = jwksFetches();
    for (let i = 0; i < 5; i++) expect((await call('/orders', bearer(token))).body.code).toBe('MissingKey');
    expect(jwksFetches() - before).toBe(1);
  });
});

describe('the reference API keeps working through key rotation and fails closed', () => {
  it('accepts a token signed by a key rotated in after the JWKS was cached', async () => {
    await call('/orders', bearer((await idp.idp.minter.baseline([])).token));
    const rotated = await idp.idp.keys.rotate('RS256', now());
    const { token, signedBy } = await idp.idp.minter.baseline(['admin']);
    expect(signedBy).toBe(rotated.kid);
    expect((await call('/admin', bearer(token))).status).toBe(200);
  });

  it('answers 503 temporarily_unavailable when introspection fails', async () => {
    const { token } = await idp.idp.minter.baseline(['admin']);
    idp.idp.state.failures.set('introspect', 'fail');
    try {
      const answer = await call('/admin', bearer(token));
      expect(answer.status).toBe(503);
      expect(answer.body.error).toBe('temporarily_unavailable');
    } finally {
      idp.idp.state.failures.delete('introspect');
    }
  });

  it('answers 503 within the timeout when introspection stalls', async () => {
    const { token } = await idp.idp.minter.baseline(['admin']);
    idp.idp.state.failures.set('introspect', 'stall');
    const started = Date.now();
    try {
      expect((await call('/admin', bearer(token))).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      idp.idp.state.failures.delete('introspect');
      idp.idp.state.releaseStalls();
    }
  });

  it('answers 503 when the JWKS cannot be fetched for an unknown key', async () => {
    const api2 = await startReferenceApi({ issuer: idp.idp.issuer, audience: idp.idp.minter.shape.audience });
    idp.idp.state.failures.set('jwks', 'fail');
    try {
      const { token } = await idp.idp.minter.baseline([]);
      const response = await fetch(`${api2.url}/orders`, { headers: { authorization: bearer(token) } });
      expect(response.status).toBe(503);
    } finally {
      idp.idp.state.failures.delete('jwks');
      await api2.close();
    }
  });
});

describe('the reference API writes an audit log', () => {
  it('appends one JSON line with the request id, jti, status and code', async () => {
    const { token, claims } = await idp.idp.minter.forge({ claims: { exp: now() - 3600, iat: now() - 3900 } });
    await call('/orders', bearer(token), { 'x-request-id': 'req-audit-1' });
    const lines = (await readFile(auditLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.requestId === 'req-audit-1')).toMatchObject({
      jti: claims.jti,
      status: 401,
      code: 'TokenExpired',
      method: 'GET',
      path: '/orders',
    });
  });
});

describe('a flawed variant replaces exactly one step', () => {
  it('accepts an expired token once checkExpiry is skipped, and still rejects a wrong issuer', async () => {
    const variant = await startReferenceApi({
      issuer: idp.idp.issuer,
      audience: idp.idp.minter.shape.audience,
      steps: { checkExpiry: skip },
    });
    try {
      const expired = await idp.idp.minter.forge({ claims: { exp: now() - 3600, iat: now() - 3900 } });
      const foreignIssuer = await idp.idp.minter.forge({ claims: { iss: 'https://evil.example' } });
      const send = (token: string) => fetch(`${variant.url}/orders`, { headers: { authorization: bearer(token) } });
      expect((await send(expired.token)).status).toBe(200);
      expect((await send(foreignIssuer.token)).status).toBe(401);
    } finally {
      await variant.close();
    }
  });
});
