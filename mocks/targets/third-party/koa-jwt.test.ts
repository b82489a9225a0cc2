import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./koa-jwt.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/** Refused with 401 and Koa's plain-text body, but no WWW-Authenticate: koa-jwt's ctx.throw(401) sets none. */
const NO_CHALLENGE_401 = [
  'no-credentials',
  'wrong-scheme',
  'empty-token',
  'whitespace-altered',
  'malformed',
  'duplicate-claims',
  'leaky-error',
  'sig-tampered',
  'sig-stripped',
  'foreign-key',
  'jwk-embedded',
  'jku-x5u',
  'kid-injection',
  'alg-none',
  'alg-confusion',
  'alg-not-allowed',
  'weak-hmac',
  'expired',
  'exp-boundary',
  'nbf-future',
  'wrong-issuer',
  'issuer-lookalike',
  'wrong-audience',
];

/**
 * Also 401 without a challenge, but refused by jwks-rsa's rate limit (the example's
 * jwksRequestsPerMinute: 2, spent by the baseline's kid and duplicate-claims' unknown kid), not by a
 * check: run alone, expired-cert is accepted (x5c is never read).
 */
const RATE_LIMITED_401 = ['unknown-kid', 'missing-kid', 'retired-key', 'expired-cert', 'psychic-sig'];

/**
 * What the whole catalogue finds in koa-jwt 4.0.4 (jsonwebtoken 9.0.3) with jwks-rsa 4.1.0 as
 * jwks-rsa's Koa example sets it up: [scenario, endpoints, "verdict severity", status, Bearer challenge].
 * FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  ...NO_CHALLENGE_401.map((id): Pin => [id, BOTH, 'fail minor', '401', 'none']),
  ...RATE_LIMITED_401.map((id): Pin => [id, BOTH, 'fail minor', '401', 'none']),
  // The rate limit again: the newly published kid is not fetched ("Too many requests to the JWKS endpoint").
  ['rotated-key', BOTH, 'fail major', '401', 'none'],
  // jsonwebtoken never reads crit.
  ['crit-unknown', BOTH, 'fail critical', '200', 'none'],
  // Only the Authorization header is read: the ?access_token= copy is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  // exp is optional and unbounded, iat is read only with maxAge, typ never.
  ['exp-missing', BOTH, 'fail critical', '200', 'none'],
  ['exp-type', BOTH, 'fail critical', '200', 'none'],
  ['iat-future', BOTH, 'fail critical', '200', 'none'],
  ['too-broad', BOTH, 'fail critical', '200', 'none'],
  ['typ-missing', BOTH, 'fail critical', '200', 'none'],
  ['refresh-as-access', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so our scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('koa-jwt with jwks-rsa koaJwtSecret as jwks-rsa Koa example sets it up, out of process', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    await expectBaselineAndScope(ENTRY);
  }, 30_000);

  it('fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer', async () => {
    // jsonwebtoken's default clockTolerance.
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } });
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
  }, 60_000);
});
