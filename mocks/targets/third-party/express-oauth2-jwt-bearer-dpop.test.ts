import { describe, expect, it } from 'vitest';
import { BOTH, expectFindings, pin } from './pinned-suite.ts';
import { JOSE_COOLDOWN } from './shared-pins.ts';
import { runAgainstChild } from './run-child.ts';

/**
 * What the whole catalogue finds, sent as DPoP (`tokenType: 'dpop'`: every token bound to the
 * harness's key, a fresh proof per request), in auth0's express-oauth2-jwt-bearer 1.10.0 set up
 * DPoP-only as its README's "DPoP Authentication" section shows (express-oauth2-jwt-bearer-dpop.main.ts,
 * out of process). The rows that are not about DPoP are the library's Bearer findings again
 * (express-oauth2-jwt-bearer.test.ts); FINDINGS.md says more. rotated-key and retired-key rest on
 * jose's createRemoteJWKSet 30 s cooldown, which the library uses.
 */
const ENTRY = new URL('./express-oauth2-jwt-bearer-dpop.main.ts', import.meta.url);
const ADMIN = ['GET /admin'] as const;
const ORDERS = ['GET /orders'] as const;

const PINS = [
  pin('fail critical, 200, none', 'No jti replay cache: the same proof is accepted again (RFC 9449 §11.1)', ['dpop-jti-replayed']),
  pin(
    'fail major, 400, none',
    'Every proof the library finds invalid is answered 400 with `DPoP error="invalid_dpop_proof"` (RFC 9449 §7.1 answers it with 401); the challenge names the proof algorithms',
    ['dpop-proof-malformed', 'dpop-proof-signature', 'dpop-proof-jwk', 'dpop-jti-missing', 'dpop-htm-htu', 'dpop-iat', 'dpop-ath'],
  ),
  pin(
    'fail minor, 400, none',
    'Two DPoP headers: 400 `invalid_dpop_proof` ("Multiple DPoP proofs are not allowed"), closest to invalid_request with the other error code',
    ['dpop-two-proofs'],
  ),
  pin('fail minor, 400, none', 'No proof with a DPoP-bound token: 400 with a bare `DPoP algs=…` challenge, no error code', [
    'dpop-proof-missing',
  ]),
  pin(
    'fail minor, 401, none',
    'A proof by another key: 401 `DPoP error="invalid_token"` ("JWT Access Token confirmation mismatch"), not invalid_dpop_proof',
    ['dpop-wrong-key'],
  ),
  pin(
    'fail major, 400, none',
    'With DPoP required, any non-DPoP scheme (Bearer with the bound token, Basic, Token) is 400 with a bare DPoP challenge, not 401',
    ['dpop-bearer-downgrade', 'wrong-scheme'],
  ),
  pin('fail minor, 400, none', 'An empty token, or a tab or two spaces after `DPoP`: 400 with a bare DPoP challenge, no error code', [
    'empty-token',
    'whitespace-altered',
  ]),
  pin(
    'fail minor, 403, Bearer error=insufficient_scope',
    '`requiredScopes` answers with a Bearer challenge on a DPoP-only API (scope-shape: a scope of another shape is refused, rightly, with that same Bearer challenge)',
    ['scope-missing', 'scope-empty', 'scope-shape'],
    ADMIN,
  ),
  pin(
    'fail critical, 200, none',
    'The scope claim as a JSON array is taken as a list holding `admin` (as without DPoP)',
    ['scope-tricks'],
    ADMIN,
  ),
  pin('fail major, 401, none', "Within createRemoteJWKSet's 30 s cooldown the newly published kid is not looked up", ['rotated-key']),
  pin(
    'fail critical, 200, none',
    'As without DPoP: the cached set keeps the retired key, x5c never read, iat read only with maxTokenAge, no typ check by default (typ-missing, and typ of another shape), no introspection',
    ['retired-key', 'expired-cert', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
  ),
  pin(
    'fail critical, 200, none',
    'The ID token passes as an access token (no typ check; /orders needs no scope)',
    ['id-token-as-access'],
    ORDERS,
  ),
  pin(
    'fail major, 403, Bearer error=insufficient_scope',
    'The ID token has no scope, refused by requiredScopes first',
    ['id-token-as-access'],
    ADMIN,
  ),
  pin('fail major, 200, none', 'sub, client_id, iat and jti are not required by default (major: ifAccepted)', [
    'sub-missing',
    'client-id-missing',
    'iat-missing',
    'jti-missing',
  ]),
  pin('fail major, 200, none', 'As without DPoP: no check of the type of sub, client_id or jti (claim-types; major: ifAccepted)', [
    'claim-types',
  ]),
];

describe('express-oauth2-jwt-bearer 1.10.0 with dpop { enabled, required }, out of process, sent as DPoP', () => {
  it('fails exactly the pinned rows; a bound token with a fresh proof is served, htu is normalised, an unbound token is refused', async () => {
    const report = await runAgainstChild(ENTRY, { tokenType: 'dpop' });
    expect(report.baseline.accepted).toBe(true);
    expectFindings(report, PINS, [JOSE_COOLDOWN]);
    const rows = (id: string) => report.results.filter((r) => r.scenario === id).map((r) => r.verdict);
    for (const id of ['dpop-htu-normalised', 'dpop-unbound-token', 'dpop-nonce', 'scheme-case']) expect(rows(id)).toEqual(['pass', 'pass']);
    expect(BOTH).toEqual(['GET /orders', 'GET /admin']);
  }, 180_000);
});
