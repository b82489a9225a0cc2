import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../harness/config.ts';
import { IN_PROCESS_ISSUER, targetEnv } from '../../../harness/idp-session.ts';
import { run } from '../../../harness/run.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { MockIdp } from '../../idp/idp.ts';
import { idpHandlers } from '../../idp/serve.ts';
import { fastifyJwtApp } from './fastify-jwt.ts';
import { findingLines, NO_LIFETIME_LIMIT } from './findings.ts';

const BOTH = ['GET /orders', 'GET /admin'] as const;

/** Rejected with 401 or 400, but without any WWW-Authenticate: @fastify/jwt never sends one. */
const NO_CHALLENGE_401 = [
  'no-credentials',
  'wrong-scheme',
  'empty-token',
  'malformed',
  'leaky-error',
  'sig-tampered',
  'sig-stripped',
  'foreign-key',
  'jwk-embedded',
  'jku-x5u',
  'psychic-sig',
  'expired',
  'exp-boundary',
  'wrong-audience',
];

/**
 * Rejected, but with 500: get-jwks errors (JWK_NOT_FOUND for any kid/alg pair not in the JWKS,
 * DOMAIN_NOT_ALLOWED for an issuer off the list) carry no status, nor do the fast-jwt codes
 * @fastify/jwt does not map (FAST_JWT_INACTIVE, FAST_JWT_INVALID_CRIT_HEADER, invalid claim types).
 */
const REJECTED_WITH_500 = [
  'duplicate-claims',
  'unknown-kid',
  'missing-kid',
  'kid-injection',
  'crit-unknown',
  'alg-none',
  'alg-confusion',
  'alg-not-allowed',
  'weak-hmac',
  'nbf-future',
  'wrong-issuer',
  'issuer-lookalike',
];

/**
 * What the whole catalogue finds in @fastify/jwt 10.2.8 (fast-jwt 6.3, get-jwks 11.0.3) as the README's
 * "Verifying with JWKS" sets it up: [scenario, endpoints, "verdict severity", status, Bearer challenge].
 * FINDINGS.md says why.
 */
const PINNED: ReadonlyArray<[string, readonly string[], string, string, string]> = [
  ...NO_CHALLENGE_401.map((id): [string, readonly string[], string, string, string] => [id, BOTH, 'fail minor', '401', 'none']),
  // `Bearer  <token>` (leading space): FST_JWT_BAD_REQUEST.
  ['whitespace-altered', BOTH, 'fail minor', '400', 'none'],
  ...REJECTED_WITH_500.map((id): [string, readonly string[], string, string, string] => [id, BOTH, 'fail major', '500', 'none']),
  // Only the header is read: the query copy is ignored, not refused.
  ['multi-method', BOTH, 'fail major', '200', 'none'],
  // x5c is never read.
  ['expired-cert', BOTH, 'fail critical', '200', 'none'],
  // get-jwks keeps every key it has used (the policy measurement signs with each loaded key) for its
  // 60 s ttl, also after the JWKS has dropped it.
  ['retired-key', BOTH, 'fail critical', '200', 'none'],
  // exp is optional, iat unchecked, the lifetime unbounded and typ unchecked unless configured.
  // No maximum lifetime is declared, so too-broad is not applicable (asserted below), not a finding.
  ['exp-missing', BOTH, 'fail critical', '200', 'none'],
  ['exp-type', BOTH, 'fail critical', '200', 'none'],
  ['iat-future', BOTH, 'fail critical', '200', 'none'],
  // requiredClaims is unset, and fast-jwt skips a claim's validator when the claim is absent: allowedAud
  // never sees a token without aud. Accepting the last four is major (the scenarios' ifAccepted).
  ['aud-missing', BOTH, 'fail critical', '200', 'none'],
  ['sub-missing', BOTH, 'fail major', '200', 'none'],
  ['client-id-missing', BOTH, 'fail major', '200', 'none'],
  ['iat-missing', BOTH, 'fail major', '200', 'none'],
  ['jti-missing', BOTH, 'fail major', '200', 'none'],
  // Refused by accident: get-jwks's ensureTrailingSlash(undefined) throws a TypeError, so 500.
  ['iss-missing', BOTH, 'fail major', '500', 'none'],
  ['typ-missing', BOTH, 'fail critical', '200', 'none'],
  ['refresh-as-access', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so the scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
  // get-jwks passes `timeout` to fetch, which has no such option: a stalled JWKS hangs the request.
  ['jwks-down', BOTH, 'fail major', 'no answer', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('@fastify/jwt with get-jwks as its README sets it up', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    const idp = await MockIdp.create({ issuer: IN_PROCESS_ISSUER });
    const msw = setupServer(...idpHandlers(idp));
    msw.listen({ onUnhandledRequest: 'bypass' });
    const app = fastifyJwtApp(targetEnv(idp));
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const admin = await idp.minter.baseline(['admin']);
      const plain = await idp.minter.baseline();
      const get = (path: string, token: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get('/orders', plain.token)).status).toBe(200);
      expect((await get('/admin', admin.token)).status).toBe(200);
      const refused = await get('/admin', plain.token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    } finally {
      await app.close();
      msw.close();
    }
  });

  it('fails exactly the pinned scenarios of the whole catalogue, with the pinned severity and answer', async () => {
    const config = await resolveConfig(
      {},
      {
        // get-jwks fetches with global fetch, which msw serves in process.
        target: { app: (env) => fastifyJwtApp(env) },
        endpoints: ['GET /orders', 'GET /admin admin'],
        // fast-jwt's default clockTolerance.
        policy: { leeway: 0 },
        runs: 0,
      },
    );
    const report = await run(config, catalogue);
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
    expect(report.results.filter((r) => r.scenario === 'too-broad').map((r) => r.skipReason)).toEqual(Array(2).fill(NO_LIFETIME_LIMIT));
    expect(report.observedPolicy).toMatchObject({ expLeeway: 0, nbfLeeway: 0, iatLeeway: null, maxLifetime: null, introspection: false });
  }, 30_000);
});
