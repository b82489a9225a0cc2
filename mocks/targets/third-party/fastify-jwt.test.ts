import { setupServer } from 'msw/node';
import { expect } from 'vitest';
import { IN_PROCESS_ISSUER, targetEnv } from '../../../harness/idp-session.ts';
import { MockIdp } from '../../idp/idp.ts';
import { idpHandlers } from '../../idp/serve.ts';
import { expectBaselineAndScopeAt } from './baseline-check.ts';
import { fastifyJwtApp } from './fastify-jwt.ts';
import { pin, pinnedSuite } from './pinned-suite.ts';
import { CLAIM_TYPES, OPTIONAL_CLAIMS, headerOnly, idTokenAsAccess, noIatOrLifetimeLimit } from './shared-pins.ts';

/**
 * What the whole catalogue finds in @fastify/jwt 10.2.8 (fast-jwt 6.3, get-jwks 11.0.3) as the README's
 * "Verifying with JWKS" sets it up, in the test's process. FINDINGS.md says more about each group.
 */
pinnedSuite({
  validator: 'fastify-jwt',
  title: '@fastify/jwt with get-jwks as its README sets it up',
  baseline: async () => {
    const idp = await MockIdp.create({ issuer: IN_PROCESS_ISSUER });
    const msw = setupServer(...idpHandlers(idp));
    msw.listen({ onUnhandledRequest: 'bypass' });
    const app = fastifyJwtApp(targetEnv(idp));
    try {
      await expectBaselineAndScopeAt(
        await app.listen({ port: 0, host: '127.0.0.1' }),
        idp.minter,
        expect.stringContaining('error="insufficient_scope"'),
      );
    } finally {
      await app.close();
      msw.close();
    }
  },
  // A whole catalogue in process; a loaded machine takes over 30 s.
  timeoutMs: 120_000,
  // get-jwks turns a JWK into a PEM with jwk-to-pem, which has no OKP (EdDSA) keys.
  observed: noIatOrLifetimeLimit(['RS256', 'PS256', 'ES256']),
  pins: [
    pin(
      'fail minor, 401, none',
      '@fastify/jwt never sends a WWW-Authenticate: the body is JSON with a code such as FST_JWT_AUTHORIZATION_TOKEN_INVALID',
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
        'psychic-sig',
        'expired',
        'exp-boundary',
        'wrong-audience',
        'json-serialization',
        'jwe-compact',
        'nested-jwt',
      ],
    ),
    pin(
      'fail minor, 400, none',
      'Two spaces or a tab after `Bearer`: FST_JWT_BAD_REQUEST (a refusal, which RFC 6750 §2.1 lets pass for two spaces), without a challenge',
      ['whitespace-altered'],
    ),
    pin(
      'fail major, 500, none',
      'get-jwks errors (JWK_NOT_FOUND for any kid/alg pair not in the JWKS, DOMAIN_NOT_ALLOWED off issuersWhitelist) carry no status, nor do the fast-jwt codes @fastify/jwt does not map (FAST_JWT_INACTIVE, FAST_JWT_INVALID_CRIT_HEADER) or the errors fast-jwt throws for a claim of another type or a payload that is not an object',
      [
        'duplicate-claims',
        'unknown-kid',
        'missing-kid',
        'kid-injection',
        'x5c-embedded',
        'crit-unknown',
        'alg-none',
        'alg-confusion',
        'alg-not-allowed',
        'weak-hmac',
        'nbf-future',
        'wrong-issuer',
        'issuer-lookalike',
        'issuer-discovery',
        'aud-shape',
        'date-types',
        'exp-range',
        'exp-type',
        'header-shape',
        'iss-shape',
        'payload-not-object',
      ],
    ),
    pin(
      'fail major, 500, none',
      "Refused by accident: the README's secret callback passes iss to get-jwks as domain, and ensureTrailingSlash(undefined) throws a TypeError",
      ['iss-missing'],
    ),
    headerOnly('Only the header is read'),
    pin(
      'fail critical, 200, none',
      "get-jwks serves a key it has looked up from its per-kid cache for its ttl (60 s) without asking the JWKS, and the refetch kid's JWKS fetch (JWK_NOT_FOUND, 500) leaves that entry alone: the retired key, accepted just before its retirement, is accepted again; past the ttl its stale cache keeps serving it (FINDINGS.md)",
      ['retired-key'],
    ),
    pin(
      'fail critical, 200, none',
      'x5c is never read; exp is optional and any number is taken, iat unchecked and typ unchecked unless configured; nothing introspects',
      ['expired-cert', 'exp-missing', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ),
    pin(
      'fail critical, 200, none',
      'requiredClaims is unset, and fast-jwt skips the validator of an absent claim: allowedAud never sees a token without aud',
      ['aud-missing'],
    ),
    pin(
      'fail major, 200, none',
      'Nothing requires sub, client_id, jti or iat: requiredClaims is unset and iat is read only with maxAge (major: ifAccepted)',
      OPTIONAL_CLAIMS,
    ),
    ...idTokenAsAccess(),
    pin('fail major, no answer, none', 'get-jwks passes `timeout` to fetch, which has no such option: a stalled JWKS hangs the request', [
      'jwks-down',
    ]),
    CLAIM_TYPES,
  ],
});
