import { pin, pinnedSuite } from './pinned-suite.ts';

/**
 * What the whole catalogue finds in jose 6.2.17's createRemoteJWKSet + jwtVerify({ issuer, audience })
 * on plain node:http, as jose's README leads one to write it. FINDINGS.md says more about each group.
 *
 * Two rows rest on createRemoteJWKSet's 30 s cooldownDuration, counted from its one JWKS fetch at the
 * baseline: the run reaches rotated-key and retired-key well within it.
 */
pinnedSuite({
  title: 'jose createRemoteJWKSet + jwtVerify by hand on node:http, out of process',
  validator: 'jose-remote-jwks',
  observed: {
    expLeeway: 0,
    nbfLeeway: 0,
    iatLeeway: null,
    maxLifetime: null,
    unbounded: ['iatLeeway', 'maxLifetime'],
    algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
  },
  timers: [
    {
      what: "createRemoteJWKSet's cooldownDuration (counted from its JWKS fetch at the baseline)",
      ms: 30_000,
      ids: ['rotated-key', 'retired-key', 'jwks-down'],
    },
  ],
  pins: [
    pin(
      'fail major, 401, Bearer error=invalid_token',
      'Within the 30 s cooldown a kid missing from the cached set is not looked up: the newly published key is refused (JWKSNoMatchingKey)',
      ['rotated-key'],
    ),
    pin(
      'fail critical, 200, none',
      'The same cooldown: the refetch kid does not refresh the set, so the dropped key stays trusted (until cacheMaxAge, 10 min)',
      ['retired-key'],
    ),
    pin(
      'fail critical, 200, none',
      'x5c is never read; exp is optional and any number is taken; iat is read only with maxTokenAge, typ only with the typ option; nothing introspects',
      ['expired-cert', 'exp-missing', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ),
    pin(
      'fail critical, 200, none',
      'The ID token passes as an access token: no typ check, and /orders needs no scope',
      ['id-token-as-access'],
      ['GET /orders'],
    ),
    pin(
      'fail major, 403, Bearer error=insufficient_scope',
      'The ID token has no scope, so our scope check refuses it before anything notices its type',
      ['id-token-as-access'],
      ['GET /admin'],
    ),
    pin(
      'fail major, 200, none',
      'requiredClaims is empty by default: jwtVerify checks iat only when present and never requires sub, client_id or jti (major: ifAccepted)',
      ['sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing'],
    ),
    pin(
      'fail major, 200, none',
      'Our code reads only the Authorization header: the ?access_token= copy is ignored, not refused (major: ifAccepted)',
      ['multi-method'],
    ),
    pin(
      'fail major, 200, none',
      'No check of the type of sub, client_id or jti: an array, an object, a number or true in one of them is accepted (claim-types; major: ifAccepted)',
      ['claim-types'],
    ),
  ],
});
