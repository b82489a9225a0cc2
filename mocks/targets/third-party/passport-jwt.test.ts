import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./passport-jwt.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/**
 * Refused with a bare `401 Unauthorized` and no WWW-Authenticate. passport-jwt calls `fail()` with an
 * Error, not a challenge string, for every refusal (including the key provider's errors, and the
 * JwksRateLimitError that the README's `jwksRequestsPerMinute: 5` raises from missing-kid on), so
 * passport's default failure answer sets no challenge.
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
  'missing-kid',
  'retired-key',
  // Rate-limited: without the limit it is 200 (x5c is never read).
  'expired-cert',
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

/** Accepted although it must be refused: jsonwebtoken 9 checks none of these by default (crit never). */
const ACCEPTED = ['crit-unknown', 'exp-missing', 'exp-type', 'iat-future', 'too-broad', 'typ-missing', 'refresh-as-access'];

/**
 * What the whole catalogue finds in passport 0.7.0 + passport-jwt 4.0.1 (jsonwebtoken 9.0.3) with
 * jwks-rsa 4.1.0 as jwks-rsa's Passport example sets them up:
 * [scenario, endpoints, "verdict severity", status, Bearer challenge]. FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  ...NO_CHALLENGE_401.map((id): Pin => [id, BOTH, 'fail minor', '401', 'none']),
  // The rotated-in kid is refused by the rate limit: a valid token gets 401.
  ['rotated-key', BOTH, 'fail major', '401', 'none'],
  ...ACCEPTED.map((id): Pin => [id, BOTH, 'fail critical', '200', 'none']),
  // The extractor's /(\S+)\s+(\S+)/ takes `Bearer` + two spaces, as RFC 6750 §2.1 allows; graded critical by the harness: disputed.
  ['whitespace-altered', BOTH, 'fail critical', '200', 'none'],
  // fromAuthHeaderAsBearerToken reads only the header: the ?access_token= copy is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so our scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
  // jwks-down passes only because the rate limit refuses its two fresh kids (401) before the JWKS is asked.
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('passport-jwt with jwks-rsa passportJwtSecret as jwks-rsa\'s Passport example sets them up, out of process', () => {
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
