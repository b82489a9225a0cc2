import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../../harness/config.ts';
import { targetEnv } from '../../../harness/idp-session.ts';
import { run } from '../../../harness/run.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { startIdp, type RunningIdp } from '../../idp/serve.ts';
import { expressOauth2JwtBearerApp } from './express-oauth2-jwt-bearer.ts';
import { findingLines, NO_LIFETIME_LIMIT } from './findings.ts';
import { serveOnLoopback } from '../loopback.ts';

const BOTH = ['GET /orders', 'GET /admin'] as const;

/**
 * What the whole catalogue finds in express-oauth2-jwt-bearer 1.10.0 (jose 4.15) as its README sets it
 * up: [scenario, endpoints, "verdict severity", status, Bearer challenge]. FINDINGS.md says why.
 */
const PINNED: ReadonlyArray<[string, readonly string[], string, string, string]> = [
  // Another scheme is "invalid_request" with the error code left out, and 400 where RFC 6750 §3 says 401.
  ['wrong-scheme', BOTH, 'fail major', '400', 'Bearer'],
  // `Bearer ` and `Bearer  <token>`: 400 is right, but the challenge omits error="invalid_request".
  ['empty-token', BOTH, 'fail minor', '400', 'Bearer'],
  ['whitespace-altered', BOTH, 'fail minor', '400', 'Bearer'],
  // ?access_token= is always read (no option turns it off): a valid token through a forbidden channel.
  ['query-token', BOTH, 'fail major', '200', 'none'],
  // jose's 30 s refetch cooldown: a new kid is not looked up, a dropped key stays trusted (10 min cache).
  ['rotated-key', BOTH, 'fail major', '401', 'Bearer error=invalid_token'],
  ['retired-key', BOTH, 'fail critical', '200', 'none'],
  // x5c is never read.
  ['expired-cert', BOTH, 'fail critical', '200', 'none'],
  // exp 1e20 is a number in the future; nothing bounds the lifetime (measured: no limit within 30 days).
  ['exp-type', BOTH, 'fail critical', '200', 'none'],
  // iat and the lifetime are checked only with maxTokenAge, typ only with strict: both off by default.
  // No maximum lifetime is declared, so too-broad is not applicable (asserted below), not a finding.
  ['iat-future', BOTH, 'fail critical', '200', 'none'],
  // sub, client_id, jti and iat are required only with strict: true (iss and aud always are). Accepting
  // them is major (the scenarios' ifAccepted), not critical.
  ['sub-missing', BOTH, 'fail major', '200', 'none'],
  ['client-id-missing', BOTH, 'fail major', '200', 'none'],
  ['iat-missing', BOTH, 'fail major', '200', 'none'],
  ['jti-missing', BOTH, 'fail major', '200', 'none'],
  ['typ-missing', BOTH, 'fail critical', '200', 'none'],
  ['refresh-as-access', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so requiredScopes refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // requiredScopes also takes scope as a JSON array.
  ['scope-tricks', ['GET /admin'], 'fail critical', '200', 'none'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('express-oauth2-jwt-bearer as its README sets it up', () => {
  let idp: RunningIdp;

  beforeAll(async () => {
    idp = await startIdp();
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    const server = await serveOnLoopback(expressOauth2JwtBearerApp(targetEnv(idp.idp)));
    try {
      const admin = await idp.idp.minter.baseline(['admin']);
      const plain = await idp.idp.minter.baseline();
      const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get('/orders', plain.token)).status).toBe(200);
      expect((await get('/admin', admin.token)).status).toBe(200);
      const refused = await get('/admin', plain.token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    } finally {
      await server.close();
    }
  });

  it('fails exactly the pinned scenarios of the whole catalogue, with the pinned severity and answer', async () => {
    // Express's default error handler logs every refused token's stack; the report holds what matters.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const config = await resolveConfig(
        {},
        {
          // The library captures https.get when it loads, before msw could patch it: serve the IdP on a port instead.
          target: { start: (env) => serveOnLoopback(expressOauth2JwtBearerApp(env)) },
          endpoints: ['GET /orders', 'GET /admin admin'],
          // The library's default clockTolerance.
          policy: { leeway: 5 },
          runs: 0,
        },
      );
      const report = await run(config, catalogue);
      expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
      expect(findingLines(report).sort()).toEqual([...expected].sort());
      expect(report.results.filter((r) => r.scenario === 'too-broad').map((r) => r.skipReason)).toEqual(Array(2).fill(NO_LIFETIME_LIMIT));
      expect(report.observedPolicy).toMatchObject({ expLeeway: 5, nbfLeeway: 5, iatLeeway: null, maxLifetime: null, introspection: false, unbounded: ['iatLeeway', 'maxLifetime'] });
    } finally {
      quiet.mockRestore();
    }
  }, 30_000);
});
