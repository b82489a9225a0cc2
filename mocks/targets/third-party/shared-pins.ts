/**
 * The pins, timers and measured policy that several pinned suites share: one cause found the same way
 * in more than one validator (the same library underneath, or the same default everyone has). Each
 * suite still lists them among its own pins, so its table stays the whole catalogue's findings.
 */
import { pin, type Pin, type PinnedPolicy, type Timer } from './pinned-suite.ts';

/** The missing claims no validator here requires by default (RFC 9068 §2.2 requires all four). */
export const OPTIONAL_CLAIMS = ['sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing'] as const;

/**
 * What the policy measurement finds in a validator that bounds neither a token's lifetime nor a future
 * iat: its clock tolerance on exp and nbf, and no limit on the other two.
 */
export function noIatOrLifetimeLimit(algorithms: readonly string[], leeway = 0): PinnedPolicy {
  return {
    expLeeway: leeway,
    nbfLeeway: leeway,
    iatLeeway: null,
    maxLifetime: null,
    unbounded: ['iatLeeway', 'maxLifetime'],
    algorithms: [...algorithms],
  };
}

/**
 * The ID token as an access token: accepted on /orders, which needs no scope, where `typ` is not
 * checked; refused on /admin for the scope it lacks, before anything notices its type.
 */
export function idTokenAsAccess(typ = 'no typ check', scopeCheck = 'our scope check'): Pin[] {
  return [
    pin(
      'fail critical, 200, none',
      `The ID token passes as an access token: ${typ}, and /orders needs no scope`,
      ['id-token-as-access'],
      ['GET /orders'],
    ),
    pin(
      'fail major, 403, Bearer error=insufficient_scope',
      `The ID token has no scope, so ${scopeCheck} refuses it before anything notices its type`,
      ['id-token-as-access'],
      ['GET /admin'],
    ),
  ];
}

/** `claim-types`: sub, client_id and jti of any JSON type are taken. */
export const CLAIM_TYPES = pin(
  'fail major, 200, none',
  'No check of the type of sub, client_id or jti: an array, an object, a number or true in one of them is accepted (claim-types; major: ifAccepted)',
  ['claim-types'],
);

/** `multi-method`: `reads` (the Authorization header only) and the ?access_token= copy is ignored. */
export function headerOnly(reads = 'Only the Authorization header is read'): Pin {
  return pin('fail major, 200, none', `${reads}: the ?access_token= copy is ignored, not refused (major: ifAccepted)`, ['multi-method']);
}

// ---- jsonwebtoken 9 behind jwks-rsa 4 (express-jwt, passport-jwt, koa-jwt) -----------------------------

/** What jsonwebtoken's defaults let through, whatever wraps it. */
export const JSONWEBTOKEN_ACCEPTS = pin(
  'fail critical, 200, none',
  'jsonwebtoken decides: crit never read, exp optional and unbounded, iat read only with maxAge, no typ check; nothing introspects',
  ['crit-unknown', 'exp-missing', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'header-shape', 'typ-shape'],
);

/** claim-types as everywhere, and date-types: jsonwebtoken reads iat only with maxAge. */
export const JSONWEBTOKEN_CLAIM_TYPES = pin(
  'fail major, 200, none',
  'No check of the type of sub, client_id or jti (claim-types), and jsonwebtoken reads iat only with maxAge, so an iat that is a string, an array or true is accepted (date-types; nbf of another type is refused as invalid); major: ifAccepted',
  ['claim-types', 'date-types'],
);

/** jsonwebtoken checks sub only with `subject`, jti only with `jwtid`, iat only with `maxAge`, client_id never. */
export function jsonwebtokenOptionalClaims(ids: readonly string[] = OPTIONAL_CLAIMS, setUp = ''): Pin {
  return pin(
    'fail major, 200, none',
    `jsonwebtoken checks sub only with \`subject\`, jti only with \`jwtid\`, iat only with \`maxAge\`, client_id never${setUp} (major: ifAccepted)`,
    ids,
  );
}

/** jwks-rsa's `rateLimit: true`: a fixed window of one minute from the child's start, `perMinute` lookups that miss its cache. */
export function jwksRsaRateLimit(perMinute: number, ids: readonly string[]): Timer {
  return { what: `jwks-rsa's rate-limit window (jwksRequestsPerMinute: ${perMinute}, counted from the child's start)`, ms: 60_000, ids };
}

/**
 * `jwksRequestsPerMinute: 5` (express-jwt's README, jwks-rsa's Passport example): the baseline's kid, the
 * policy measurement's three other kids and duplicate-claims' unknown kid spend it, and the rows that
 * name a kid not cached after that rest on the window.
 */
export const JWKS_RSA_FIVE_A_MINUTE = jwksRsaRateLimit(5, [
  'duplicate-claims',
  'unknown-kid',
  'missing-kid',
  'rotated-key',
  'retired-key',
  'expired-cert',
  'kid-injection',
  'x5c-embedded',
  'jwks-down',
]);

// ---- jose's createRemoteJWKSet (jose by hand, express-oauth2-jwt-bearer) ------------------------------

/** Its 30 s cooldownDuration, counted from its JWKS fetch at the baseline: the rows below rest on it. */
export const JOSE_COOLDOWN: Timer = {
  what: "createRemoteJWKSet's cooldownDuration (counted from its JWKS fetch at the baseline)",
  ms: 30_000,
  ids: ['rotated-key', 'retired-key', 'jwks-down'],
};

/** rotated-key and retired-key within that cooldown: the cached set is neither refreshed for a new kid nor cleared of a removed one. */
export const JOSE_COOLDOWN_PINS: readonly Pin[] = [
  pin(
    'fail major, 401, Bearer error=invalid_token',
    'Within the 30 s cooldown a kid missing from the cached set is not looked up: the newly published key is refused (JWKSNoMatchingKey)',
    ['rotated-key'],
  ),
  pin(
    'fail critical, 200, none',
    'The same cooldown: the refetch kid does not refresh the set, so the retired key, accepted just before, stays trusted (until cacheMaxAge, 10 min)',
    ['retired-key'],
  ),
];
