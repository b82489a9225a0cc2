import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./express-jsonwebtoken.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/**
 * Refused, but with 500. Whatever jsonwebtoken or jwks-rsa throws (JsonWebTokenError,
 * TokenExpiredError, NotBeforeError, SigningKeyNotFoundError) has no `status`, so Express 5's
 * default final handler answers 500. The message each one throws is in FINDINGS.md.
 */
const REFUSED_WITH_500 = [
  'malformed',
  'duplicate-claims',
  'leaky-error',
  'sig-tampered',
  'sig-stripped',
  'foreign-key',
  'unknown-kid',
  'missing-kid',
  'retired-key',
  'jwk-embedded',
  'jku-x5u',
  'kid-injection',
  'psychic-sig',
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
 * Accepted (200) although the token must be refused: jsonwebtoken 9 never checks these unless
 * told to (`maxAge`, no typ check at all, `crit` is never read), and jwks-rsa never reads `x5c`.
 */
const ACCEPTED = ['crit-unknown', 'expired-cert', 'exp-missing', 'exp-type', 'iat-future', 'too-broad', 'typ-missing', 'refresh-as-access'];

/**
 * What the whole catalogue finds in a stock Express 5 app with jsonwebtoken 9.0.3 and jwks-rsa 4.1.0:
 * [scenario, endpoints, "verdict severity", status, Bearer challenge]. FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  ...REFUSED_WITH_500.map((id): Pin => [id, BOTH, 'fail major', '500', 'none']),
  ...ACCEPTED.map((id): Pin => [id, BOTH, 'fail critical', '200', 'none']),
  // Our middleware: `Bearer` reaches it with the trailing space trimmed, so it is "no token", 401 with no error code.
  ['empty-token', BOTH, 'fail minor', '401', 'Bearer'],
  // Our middleware takes `Bearer` + several spaces (RFC 6750 §2.1 allows 1*SP), which the harness grades as critical: disputed.
  ['whitespace-altered', BOTH, 'fail critical', '200', 'none'],
  // Our middleware reads only the header, so the copy of the token in ?access_token= is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so our scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
  // jwks-rsa's default request timeout is 30 s: a stalled JWKS holds the request past the harness's 3 s.
  ['jwks-down', BOTH, 'fail major', 'no answer', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('stock Express 5 with jsonwebtoken and jwks-rsa as the jwks-rsa README wires them, out of process', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    await expectBaselineAndScope(ENTRY);
  });

  it('fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer', async () => {
    // jsonwebtoken's default clockTolerance.
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } });
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
  }, 60_000);
});
