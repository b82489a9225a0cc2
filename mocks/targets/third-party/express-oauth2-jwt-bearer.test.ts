import { expect } from 'vitest';
import { targetEnv } from '../../../harness/idp-session.ts';
import { startIdp } from '../../idp/serve.ts';
import { serveOnLoopback } from '../loopback.ts';
import { expectBaselineAndScopeAt } from './baseline-check.ts';
import { expressOauth2JwtBearerApp } from './express-oauth2-jwt-bearer.ts';
import { pin, pinnedSuite } from './pinned-suite.ts';
import { CLAIM_TYPES, JOSE_COOLDOWN, JOSE_COOLDOWN_PINS, OPTIONAL_CLAIMS, idTokenAsAccess, noIatOrLifetimeLimit } from './shared-pins.ts';

/**
 * What the whole catalogue finds in express-oauth2-jwt-bearer 1.10.0 (jose 4.15) as its README sets it
 * up, in the test's process (served on a port: see FINDINGS.md). FINDINGS.md says more about each group.
 */
pinnedSuite({
  validator: 'express-oauth2-jwt-bearer',
  title: 'express-oauth2-jwt-bearer as its README sets it up',
  baseline: async () => {
    const idp = await startIdp();
    const server = await serveOnLoopback(expressOauth2JwtBearerApp(targetEnv(idp.idp)));
    try {
      // The library's challenge adds realm (and DPoP algs) to the error code.
      await expectBaselineAndScopeAt(server.url, idp.idp.minter, expect.stringContaining('error="insufficient_scope"'));
    } finally {
      await server.close();
      await idp.close();
    }
  },
  // Past jose's 30 s cooldown the pins move anyway; under load the run is given time to say so (outlasted) rather than time out.
  timeoutMs: 120_000,
  observed: noIatOrLifetimeLimit(['RS256', 'PS256', 'ES256', 'EdDSA'], 5),
  timers: [JOSE_COOLDOWN],
  pins: [
    pin(
      'fail major, 400, Bearer',
      "A scheme that is neither Bearer nor DPoP raises InvalidRequestError('', false): 400 where RFC 6750 §3 says 401, and no error code",
      ['wrong-scheme'],
    ),
    pin(
      'fail minor, 400, Bearer',
      'A header that does not split into exactly two parts (`Bearer `, two spaces or a tab after the scheme) is the same InvalidRequestError: 400 is right, but error="invalid_request" is left out',
      ['empty-token', 'whitespace-altered'],
    ),
    pin(
      'fail major, 200, none',
      '?access_token= is always read (getToken checks query.access_token) and no option turns it off (major: ifAccepted)',
      ['query-token'],
    ),
    // jose 4's createRemoteJWKSet, inside the library.
    ...JOSE_COOLDOWN_PINS,
    pin(
      'fail critical, 200, none',
      'x5c is never read; exp 1e20 is a number in the future; iat is checked only with maxTokenAge, typ only with strict (both off); nothing introspects',
      ['expired-cert', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ),
    pin(
      'fail major, 200, none',
      'defaultValidators let sub, client_id, jti and iat be absent unless strict: true (iss and aud are always required) (major: ifAccepted)',
      OPTIONAL_CLAIMS,
    ),
    ...idTokenAsAccess('typ is checked only with strict', 'requiredScopes'),
    pin('fail critical, 200, none', 'requiredScopes also takes scope as a JSON array: ["admin"] passes', ['scope-tricks'], ['GET /admin']),
    CLAIM_TYPES,
  ],
});
