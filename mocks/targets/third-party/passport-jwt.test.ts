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
 * What the whole catalogue finds in passport 0.7.0 + passport-jwt 4.0.1 (jsonwebtoken 9.0.3) with
 * jwks-rsa 4.1.0's passportJwtSecret as jwks-rsa's Passport example sets them up.
 *
 * The example's `rateLimit: true, jwksRequestsPerMinute: 5` is spent as in express-jwt.test.ts (the
 * baseline's kid, the measurement's PS256, ES256 and EdDSA kids, duplicate-claims' unknown kid on
 * /orders); here a JwksRateLimitError is a `fail()` like any other refusal, so 401, not 500.
 * FINDINGS.md says more about each group.
 */
pinnedSuite({
  title: "passport-jwt with jwks-rsa passportJwtSecret as jwks-rsa's Passport example sets them up, out of process",
  validator: 'passport-jwt',
  observed: noIatOrLifetimeLimit(['RS256']),
  timers: [JWKS_RSA_FIVE_A_MINUTE],
  pins: [
    pin(
      'fail minor, 401, none',
      "passport-jwt calls fail() with an Error, never a challenge string, so passport's default failure answer is a bare 401 Unauthorized with no WWW-Authenticate",
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
      'Refused by the rate limit (JwksRateLimitError through fail()), not by a check: without it expired-cert is 200 (x5c is never read)',
      ['unknown-kid', 'missing-kid', 'expired-cert', 'kid-injection', 'x5c-embedded'],
    ),
    pin('fail minor, 401, none', "The example's verify callback answers done(null, false) for a payload without a truthy sub", [
      'sub-missing',
    ]),
    pin('fail major, 401, none', 'The rate limit again: the newly published kid is never fetched, a valid token is refused', [
      'rotated-key',
    ]),
    pin(
      'fail major, 401, none',
      "The rate limit again: the retired key's first use, while still published, is a kid not cached, so a valid token is refused and the key never enters the cache (nor is the retired key let in); without the limit jwks-rsa's per-kid cache accepts it after its retirement (200, critical: express-jsonwebtoken.test.ts)",
      ['retired-key'],
    ),
    pin(
      'fail major, 200, none',
      "The extractor's /(\\S+)\\s+(\\S+)/ takes any whitespace after the scheme: `Bearer<tab><token>` is accepted (two spaces are too, which RFC 6750 §2.1 allows)",
      ['whitespace-altered'],
    ),
    headerOnly('fromAuthHeaderAsBearerToken reads only the header'),
    jsonwebtokenOptionalClaims(['client-id-missing', 'iat-missing', 'jti-missing'], ', and the example sets none of them'),
    JSONWEBTOKEN_ACCEPTS,
    ...idTokenAsAccess(),
    // jwks-down passes only because the rate limit refuses its two fresh kids (401) before the JWKS is asked.
    JSONWEBTOKEN_CLAIM_TYPES,
  ],
});
