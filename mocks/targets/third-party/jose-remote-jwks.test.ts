import { pin, pinnedSuite } from './pinned-suite.ts';
import {
  CLAIM_TYPES,
  JOSE_COOLDOWN,
  JOSE_COOLDOWN_PINS,
  OPTIONAL_CLAIMS,
  headerOnly,
  idTokenAsAccess,
  noIatOrLifetimeLimit,
} from './shared-pins.ts';

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
  observed: noIatOrLifetimeLimit(['RS256', 'PS256', 'ES256', 'EdDSA']),
  timers: [JOSE_COOLDOWN],
  pins: [
    ...JOSE_COOLDOWN_PINS,
    pin(
      'fail critical, 200, none',
      'x5c is never read; exp is optional and any number is taken; iat is read only with maxTokenAge, typ only with the typ option; nothing introspects',
      ['expired-cert', 'exp-missing', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ),
    ...idTokenAsAccess(),
    pin(
      'fail major, 200, none',
      'requiredClaims is empty by default: jwtVerify checks iat only when present and never requires sub, client_id or jti (major: ifAccepted)',
      OPTIONAL_CLAIMS,
    ),
    headerOnly('Our code reads only the Authorization header'),
    CLAIM_TYPES,
  ],
});
