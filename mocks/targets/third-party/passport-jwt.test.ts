import { pin, pinnedSuite } from './pinned-suite.ts';

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
  observed: { expLeeway: 0, nbfLeeway: 0, iatLeeway: null, maxLifetime: null, unbounded: ['iatLeeway', 'maxLifetime'], algorithms: ['RS256'] },
  timers: [{ what: "jwks-rsa's rate-limit window (jwksRequestsPerMinute: 5, counted from the child's start)", ms: 60_000, ids: ['duplicate-claims', 'unknown-kid', 'missing-kid', 'rotated-key', 'retired-key', 'expired-cert', 'kid-injection', 'x5c-embedded', 'jwks-down'] }],
  pins: [
    pin(
      'fail minor, 401, none',
      "passport-jwt calls fail() with an Error, never a challenge string, so passport's default failure answer is a bare 401 Unauthorized with no WWW-Authenticate",
      ['no-credentials', 'wrong-scheme', 'empty-token', 'malformed', 'duplicate-claims', 'leaky-error', 'sig-tampered', 'sig-stripped', 'foreign-key', 'jwk-embedded', 'jku-x5u', 'psychic-sig', 'alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac', 'expired', 'exp-boundary', 'nbf-future', 'wrong-issuer', 'issuer-lookalike', 'issuer-discovery', 'iss-missing', 'wrong-audience', 'aud-missing', 'aud-shape', 'exp-range', 'exp-type', 'iss-shape', 'json-serialization', 'jwe-compact', 'nested-jwt', 'payload-not-object'],
    ),
    pin(
      'fail minor, 401, none',
      'Refused by the rate limit (JwksRateLimitError through fail()), not by a check: without it expired-cert is 200 (x5c is never read)',
      ['unknown-kid', 'missing-kid', 'retired-key', 'expired-cert', 'kid-injection', 'x5c-embedded'],
    ),
    pin('fail minor, 401, none', "The example's verify callback answers done(null, false) for a payload without a truthy sub", ['sub-missing']),
    pin('fail major, 401, none', 'The rate limit again: the newly published kid is never fetched, a valid token is refused', ['rotated-key']),
    pin(
      'fail major, 200, none',
      "The extractor's /(\\S+)\\s+(\\S+)/ takes any whitespace after the scheme: `Bearer<tab><token>` is accepted (two spaces are too, which RFC 6750 §2.1 allows)",
      ['whitespace-altered'],
    ),
    pin('fail major, 200, none', 'fromAuthHeaderAsBearerToken reads only the header: the ?access_token= copy is ignored, not refused (major: ifAccepted)', ['multi-method']),
    pin(
      'fail major, 200, none',
      'jsonwebtoken checks jti only with `jwtid`, iat only with `maxAge`, client_id never, and the example sets none of them (major: ifAccepted)',
      ['client-id-missing', 'iat-missing', 'jti-missing'],
    ),
    pin(
      'fail critical, 200, none',
      'jsonwebtoken decides: crit never read, exp optional and unbounded, iat read only with maxAge, no typ check; nothing introspects',
      ['crit-unknown', 'exp-missing', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'header-shape', 'typ-shape'],
    ),
    pin('fail critical, 200, none', 'The ID token passes as an access token: no typ check, and /orders needs no scope', ['id-token-as-access'], ['GET /orders']),
    pin('fail major, 403, Bearer error=insufficient_scope', 'The ID token has no scope, so our scope check refuses it before anything notices its type', ['id-token-as-access'], ['GET /admin']),
    // jwks-down passes only because the rate limit refuses its two fresh kids (401) before the JWKS is asked.
    pin('fail major, 200, none', 'No check of the type of sub, client_id or jti (claim-types), and jsonwebtoken reads iat only with maxAge, so an iat that is a string, an array or true is accepted (date-types; nbf of another type is refused as invalid); major: ifAccepted', ['claim-types', 'date-types']),
  ],
});
