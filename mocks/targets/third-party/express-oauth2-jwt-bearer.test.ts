import { expect } from 'vitest';
import { targetEnv } from '../../../harness/idp-session.ts';
import { startIdp } from '../../idp/serve.ts';
import { serveOnLoopback } from '../loopback.ts';
import { expectBaselineAndScopeAt } from './baseline-check.ts';
import { expressOauth2JwtBearerApp } from './express-oauth2-jwt-bearer.ts';
import { pin, pinnedSuite } from './pinned-suite.ts';

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
  timeoutMs: 30_000,
  observed: {
    expLeeway: 5,
    nbfLeeway: 5,
    iatLeeway: null,
    maxLifetime: null,
    unbounded: ['iatLeeway', 'maxLifetime'],
    algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
  },
  timers: [
    {
      what: "jose's cooldownDuration (counted from its JWKS fetch at the baseline)",
      ms: 30_000,
      ids: ['rotated-key', 'retired-key', 'jwks-down'],
    },
  ],
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
    pin(
      'fail major, 401, Bearer error=invalid_token',
      "jose's 30 s cooldownDuration: a kid missing from the cached set is not looked up, so the newly published key is refused",
      ['rotated-key'],
    ),
    pin(
      'fail critical, 200, none',
      'The same cooldown: the refetch kid does not refresh the set, so the dropped key stays trusted (cacheMaxAge 10 min)',
      ['retired-key'],
    ),
    pin(
      'fail critical, 200, none',
      'x5c is never read; exp 1e20 is a number in the future; iat is checked only with maxTokenAge, typ only with strict (both off); nothing introspects',
      ['expired-cert', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ),
    pin(
      'fail major, 200, none',
      'defaultValidators let sub, client_id, jti and iat be absent unless strict: true (iss and aud are always required) (major: ifAccepted)',
      ['sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing'],
    ),
    pin(
      'fail critical, 200, none',
      'The ID token passes as an access token: typ is checked only with strict, and /orders needs no scope',
      ['id-token-as-access'],
      ['GET /orders'],
    ),
    pin(
      'fail major, 403, Bearer error=insufficient_scope',
      'The ID token has no scope, so requiredScopes refuses it before anything notices its type',
      ['id-token-as-access'],
      ['GET /admin'],
    ),
    pin('fail critical, 200, none', 'requiredScopes also takes scope as a JSON array: ["admin"] passes', ['scope-tricks'], ['GET /admin']),
    pin(
      'fail major, 200, none',
      'No check of the type of sub, client_id or jti: an array, an object, a number or true in one of them is accepted (claim-types; major: ifAccepted)',
      ['claim-types'],
    ),
  ],
});
