import { pin, pinnedSuite } from './pinned-suite.ts';

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
  observed: { expLeeway: 0, nbfLeeway: 0, iatLeeway: null, maxLifetime: null, unbounded: ['iatLeeway', 'maxLifetime'], algorithms: ['RS256'] },
  timers: [{ what: "jwks-rsa's rate-limit window (jwksRequestsPerMinute: 2, counted from the child's start)", ms: 60_000, ids: ['unknown-kid', 'missing-kid', 'rotated-key', 'retired-key', 'expired-cert', 'psychic-sig', 'x5c-embedded', 'jwks-down'] }],
  pins: [
    pin(
      'fail minor, 401, none',
      "koa-jwt refuses with ctx.throw(401, 'Authentication Error'), which carries no headers, and Koa's default error handler sends no WWW-Authenticate",
      ['no-credentials', 'wrong-scheme', 'empty-token', 'malformed', 'duplicate-claims', 'leaky-error', 'sig-tampered', 'sig-stripped', 'foreign-key', 'jwk-embedded', 'jku-x5u', 'kid-injection', 'alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac', 'expired', 'exp-boundary', 'nbf-future', 'wrong-issuer', 'issuer-lookalike', 'issuer-discovery', 'iss-missing', 'wrong-audience', 'aud-missing', 'aud-shape', 'exp-range', 'exp-type', 'iss-shape', 'json-serialization', 'jwe-compact', 'nested-jwt', 'payload-not-object'],
    ),
    pin(
      'fail minor, 401, none',
      'Refused by the rate limit, not by a check, with the same 401: without the limit expired-cert is 200, as in express-jsonwebtoken.test.ts (jwks-rsa never reads x5c)',
      ['unknown-kid', 'missing-kid', 'retired-key', 'expired-cert', 'psychic-sig', 'x5c-embedded'],
    ),
    pin(
      'fail minor, 401, none',
      "auth-header.js splits the trimmed header on one space and wants two parts: two spaces or a tab after `Bearer` is 'Bad Authorization header format' (a refusal, which RFC 6750 §2.1 lets pass for two spaces)",
      ['whitespace-altered'],
    ),
    pin('fail major, 401, none', 'The rate limit again: the newly published kid is never fetched, a valid token is refused', ['rotated-key']),
    pin('fail major, 200, none', 'Only the Authorization header is read: the ?access_token= copy is ignored, not refused (major: ifAccepted)', ['multi-method']),
    pin(
      'fail major, 200, none',
      'jsonwebtoken checks sub only with `subject`, jti only with `jwtid`, iat only with `maxAge`, client_id never, and the example sets none of them (major: ifAccepted)',
      ['sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing'],
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
