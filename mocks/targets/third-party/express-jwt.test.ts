import { pin, pinnedSuite } from './pinned-suite.ts';
import {
  JSONWEBTOKEN_ACCEPTS,
  JWKS_RSA_FIVE_A_MINUTE,
  JSONWEBTOKEN_CLAIM_TYPES,
  headerOnly,
  idTokenAsAccess,
  jsonwebtokenOptionalClaims,
  noIatOrLifetimeLimit,
} from './shared-pins.ts';

/**
 * What the whole catalogue finds in express-jwt 8.5.1 (jsonwebtoken 9.0.3) with jwks-rsa 4.1.0's
 * expressJwtSecret as their READMEs set them up, with express-jwt's README error handler.
 *
 * The README's `rateLimit: true, jwksRequestsPerMinute: 5` decides many rows. The limiter counts the
 * lookups that miss jwks-rsa's per-kid cache, five per minute from the child's start: the baseline's
 * kid and the policy measurement's PS256, ES256 and EdDSA kids take four (cached for 10 min), and
 * duplicate-claims' unknown kid on /orders the fifth. Every kid not cached after that gets
 * JwksRateLimitError, which is no UnauthorizedError, so the README's handler passes it on and Express
 * answers 500. The run ends well within that first minute. FINDINGS.md says more about each group.
 */
pinnedSuite({
  title: 'express-jwt with jwks-rsa expressJwtSecret as their READMEs set them up, out of process',
  validator: 'express-jwt',
  observed: noIatOrLifetimeLimit(['RS256']),
  timers: [JWKS_RSA_FIVE_A_MINUTE],
  pins: [
    pin(
      'fail minor, 401, none',
      "Refused with express-jwt's UnauthorizedError (status 401, no challenge), and the README's handler answers `invalid token...` with no WWW-Authenticate",
      [
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
      "duplicate-claims' unknown kid is the fifth lookup: SigningKeyNotFoundError, swallowed by expressJwtSecret, then jsonwebtoken refuses a missing key (on /admin too, now that its variants reach the JWKS in another order)",
      ['duplicate-claims'],
    ),
    pin(
      'fail minor, 401, none',
      'The ES256 key is cached since the policy measurement used it, so jsonwebtoken refuses ES256 (`algorithms: [RS256]`)',
      ['psychic-sig'],
    ),
    pin(
      'fail minor, 401, none',
      'express-jwt splits the header on one space and wants exactly two parts: two spaces or a tab after `Bearer` is credentials_bad_format (a refusal, which RFC 6750 §2.1 lets pass for two spaces), without a challenge',
      ['whitespace-altered'],
    ),
    pin(
      'fail major, 500, none',
      'Rate-limited: each names a kid not cached (the kid-injection row by its control), JwksRateLimitError, 500; without the limit expired-cert is 200 (x5c is never read)',
      ['unknown-kid', 'missing-kid', 'expired-cert', 'kid-injection'],
    ),
    pin(
      'fail major, 500, none',
      "Rate-limited too: x5c-embedded's tokens carry no kid, so, like missing-kid, the lookup misses the cache and gets JwksRateLimitError, 500 (x5c is never read, the attacker's certificate is not used)",
      ['x5c-embedded'],
    ),
    pin('fail major, 500, none', 'Rate-limited too: the newly published kid is never fetched, a valid token gets 500', ['rotated-key']),
    pin(
      'fail major, 500, none',
      "Rate-limited too: the retired key's first use, while still published, is a kid not cached, so a valid token gets 500 and the key never enters the cache (so does the retired key itself); without the limit jwks-rsa's per-kid cache accepts it after its retirement (200, critical: express-jsonwebtoken.test.ts)",
      ['retired-key'],
    ),
    JSONWEBTOKEN_ACCEPTS,
    ...idTokenAsAccess(),
    jsonwebtokenOptionalClaims(),
    headerOnly('Without getToken only the Authorization header is read'),
    // jwks-down passes only because the rate limit refuses its two fresh kids (500) before the JWKS is asked.
    JSONWEBTOKEN_CLAIM_TYPES,
  ],
});
