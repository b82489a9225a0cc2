import { pin, pinnedSuite } from './pinned-suite.ts';
import { CLAIM_TYPES, headerOnly, idTokenAsAccess, jsonwebtokenOptionalClaims, noIatOrLifetimeLimit } from './shared-pins.ts';

/**
 * What the whole catalogue finds in a stock Express 5 app with jsonwebtoken 9.0.3 and jwks-rsa 4.1.0,
 * wired as the jwks-rsa README does (our small middleware reads the header; errors go to Express 5's
 * default final handler). FINDINGS.md says more about each group.
 */
pinnedSuite({
  title: 'stock Express 5 with jsonwebtoken and jwks-rsa as the jwks-rsa README wires them, out of process',
  validator: 'express-jsonwebtoken',
  observed: noIatOrLifetimeLimit(['RS256']),
  pins: [
    pin(
      'fail major, 500, none',
      'Refused for the right reason, but jsonwebtoken (JsonWebTokenError, TokenExpiredError, NotBeforeError) and jwks-rsa (SigningKeyNotFoundError) throw errors without a status, so Express 5 answers 500',
      [
        'malformed',
        'duplicate-claims',
        'leaky-error',
        'sig-tampered',
        'sig-stripped',
        'foreign-key',
        'unknown-kid',
        'missing-kid',
        'jwk-embedded',
        'jku-x5u',
        'kid-injection',
        'x5c-embedded',
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
        'wrong-audience',
        'aud-shape',
        'date-types',
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
      'fail critical, 200, none',
      "jwks-rsa serves a signing key it has looked up from its per-kid cache (cacheMaxAge 10 min) without asking the JWKS, and the refetch kid's JWKS fetch (SigningKeyNotFoundError, 500) leaves that entry alone: the retired key, accepted just before its retirement, is accepted again",
      ['retired-key'],
    ),
    pin(
      'fail major, 500, none',
      "With `issuer` and `audience` set, verify.js compares `payload.iss` and `[payload.aud]` whatever they are, so an absent claim is 'jwt issuer/audience invalid': the same 500",
      ['iss-missing', 'aud-missing'],
    ),
    pin(
      'fail critical, 200, none',
      'jsonwebtoken never reads crit, checks exp only when present and takes any number, reads iat only with maxAge, has no typ check; jwks-rsa never reads x5c; nothing introspects',
      [
        'expired-cert',
        'crit-unknown',
        'exp-missing',
        'iat-future',
        'typ-missing',
        'refresh-as-access',
        'revoked',
        'header-shape',
        'typ-shape',
      ],
    ),
    ...idTokenAsAccess(),
    jsonwebtokenOptionalClaims(),
    headerOnly('Our middleware reads only the Authorization header'),
    pin(
      'fail minor, 401, Bearer',
      'Our middleware\'s /^Bearer +(\\S+)$/i matches neither `Bearer` (Node trims the space of `Bearer `) nor a token with a tab inside, so both get the no-token answer, without error="invalid_token"',
      ['empty-token', 'whitespace-altered'],
    ),
    pin(
      'fail major, no answer, none',
      "jwks-rsa's request timeout defaults to 30 s: a stalled JWKS holds the request past the harness's 3 s",
      ['jwks-down'],
    ),
    CLAIM_TYPES,
  ],
});
