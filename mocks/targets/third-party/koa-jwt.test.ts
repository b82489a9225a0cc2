import { pin, pinnedSuite } from './pinned-suite.ts';
import {
  JSONWEBTOKEN_ACCEPTS,
  JSONWEBTOKEN_CLAIM_TYPES,
  OPTIONAL_CLAIMS,
  headerOnly,
  idTokenAsAccess,
  jsonwebtokenOptionalClaims,
  jwksRsaRateLimit,
  noIatOrLifetimeLimit,
} from './shared-pins.ts';

/**
 * What the whole catalogue finds in koa-jwt 4.0.4 (jsonwebtoken 9.0.3) with jwks-rsa 4.1.0's
 * koaJwtSecret as jwks-rsa's Koa example sets it up.
 *
 * The example's `rateLimit: true, jwksRequestsPerMinute: 2` is spent before the catalogue starts: the
 * baseline's kid and the policy measurement's PS256 kid take both lookups of the child's first
 * minute (and stay cached), so every other kid, from the measurement's ES256 kid on, gets
 * JwksRateLimitError, which koa-jwt turns into the same 401 as any refusal. The run ends well within
 * that minute. FINDINGS.md says more about each group.
 */
pinnedSuite({
  title: 'koa-jwt with jwks-rsa koaJwtSecret as jwks-rsa Koa example sets it up, out of process',
  validator: 'koa-jwt',
  observed: noIatOrLifetimeLimit(['RS256']),
  timers: [
    jwksRsaRateLimit(2, [
      'unknown-kid',
      'missing-kid',
      'rotated-key',
      'retired-key',
      'expired-cert',
      'psychic-sig',
      'x5c-embedded',
      'jwks-down',
    ]),
  ],
  pins: [
    pin(
      'fail minor, 401, none',
      "koa-jwt refuses with ctx.throw(401, 'Authentication Error'), which carries no headers, and Koa's default error handler sends no WWW-Authenticate",
      [
        'no-credentials',
        'wrong-scheme',
        'empty-token',
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
        'issuer-discovery',
        'iss-missing',
        'wrong-audience',
        'aud-missing',
        'aud-shape',
        'exp-range',
        'exp-type',
        'iss-shape',
        'json-serialization',
        'jwe-compact',
        'nested-jwt',
        'payload-not-object',
      ],
    ),
    pin(
      'fail minor, 401, none',
      'Refused by the rate limit, not by a check, with the same 401: without the limit expired-cert is 200, as in express-jsonwebtoken.test.ts (jwks-rsa never reads x5c)',
      ['unknown-kid', 'missing-kid', 'expired-cert', 'psychic-sig', 'x5c-embedded'],
    ),
    pin(
      'fail minor, 401, none',
      "auth-header.js splits the trimmed header on one space and wants two parts: two spaces or a tab after `Bearer` is 'Bad Authorization header format' (a refusal, which RFC 6750 §2.1 lets pass for two spaces)",
      ['whitespace-altered'],
    ),
    pin('fail major, 401, none', 'The rate limit again: the newly published kid is never fetched, a valid token is refused', [
      'rotated-key',
    ]),
    pin(
      'fail major, 401, none',
      "The rate limit again: the retired key's first use, while still published, is a kid not cached, so a valid token is refused and the key never enters the cache (nor is the retired key let in); without the limit jwks-rsa's per-kid cache accepts it after its retirement (200, critical: express-jsonwebtoken.test.ts)",
      ['retired-key'],
    ),
    headerOnly(),
    jsonwebtokenOptionalClaims(OPTIONAL_CLAIMS, ', and the example sets none of them'),
    JSONWEBTOKEN_ACCEPTS,
    ...idTokenAsAccess(),
    // jwks-down passes only because the rate limit refuses its two fresh kids (401) before the JWKS is asked.
    JSONWEBTOKEN_CLAIM_TYPES,
  ],
});
