import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./express-jwt.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/**
 * Refused with 401, but with no WWW-Authenticate: express-jwt throws an UnauthorizedError (status
 * 401, no challenge) and the README's error handler answers `401 invalid token...`.
 */
const NO_CHALLENGE_401 = [
  'no-credentials',
  'wrong-scheme',
  'empty-token',
  'malformed',
  'duplicate-claims',
  'leaky-error',
  'sig-tampered',
  'sig-stripped',
  'foreign-key',
  'unknown-kid',
  'jwk-embedded',
  'jku-x5u',
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
 * 500: the README's `jwksRequestsPerMinute: 5` is spent by the fifth kid lookup that misses the
 * cache (the baseline's kid, then unknown-kid and duplicate-claims' unknown kid on both
 * endpoints). From missing-kid on, every kid not yet cached gets JwksRateLimitError, which is no
 * UnauthorizedError, so the README's handler passes it to Express's final handler. That masks
 * expired-cert (200 without the limit, x5c is never read).
 */
const RATE_LIMITED_500 = ['missing-kid', 'retired-key', 'expired-cert', 'kid-injection', 'psychic-sig'];

/** Accepted although it must be refused: jsonwebtoken 9 checks none of these by default (crit never). */
const ACCEPTED = ['crit-unknown', 'exp-missing', 'exp-type', 'iat-future', 'too-broad', 'typ-missing', 'refresh-as-access'];

/**
 * What the whole catalogue finds in express-jwt 8.5.1 (jsonwebtoken 9.0.3) with jwks-rsa 4.1.0 as
 * their READMEs set them up: [scenario, endpoints, "verdict severity", status, Bearer challenge].
 * FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  ...NO_CHALLENGE_401.map((id): Pin => [id, BOTH, 'fail minor', '401', 'none']),
  // `Bearer` + two spaces splits into three parts: credentials_bad_format. RFC 6750 allows it, so this should be a refused valid token (disputed).
  ['whitespace-altered', BOTH, 'fail minor', '401', 'none'],
  ...RATE_LIMITED_500.map((id): Pin => [id, BOTH, 'fail major', '500', 'none']),
  // The new key's kid is refused by the same rate limit: a valid token gets 500.
  ['rotated-key', BOTH, 'fail major', '500', 'none'],
  ...ACCEPTED.map((id): Pin => [id, BOTH, 'fail critical', '200', 'none']),
  // Only the header is read (no getToken): the ?access_token= copy is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so our scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection (isRevoked is not set in the README's setup): revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
  // jwks-down passes only because the rate limit refuses its two fresh kids (500) before the JWKS is asked.
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('express-jwt with jwks-rsa expressJwtSecret as their READMEs set them up, out of process', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    await expectBaselineAndScope(ENTRY);
  });

  it('fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer', async () => {
    // jsonwebtoken's default clockTolerance. The rate limit's window is the child's first minute: the run ends well within it.
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } });
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
  }, 60_000);
});
