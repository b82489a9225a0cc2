import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./hono-jwk.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/**
 * What the whole catalogue finds in Hono 4.13.19's `hono/jwk` as the Hono docs set it up
 * (plus `verification.typ: 'at+jwt'`), on @hono/node-server 2.1.8:
 * [scenario, endpoints, "verdict severity", status, Bearer challenge]. FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  // No credentials or another scheme: error="invalid_request", where RFC 6750 §3.1 wants no error code.
  ['no-credentials', BOTH, 'fail minor', '401', 'Bearer error=invalid_request'],
  ['wrong-scheme', BOTH, 'fail minor', '401', 'Bearer error=invalid_request'],
  // `Bearer` alone: invalid_request, but with 401 where invalid_request means 400.
  ['empty-token', BOTH, 'fail minor', '401', 'Bearer error=invalid_request'],
  // The header is split on /\s+/: `Bearer  <token>` (two spaces) is accepted, which RFC 6750 §2.1 allows.
  ['whitespace-altered', BOTH, 'fail critical', '200', 'none'],
  // Only the Authorization header is read: the ?access_token= copy is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  // Keys are matched by kid; x5c is never read.
  ['expired-cert', BOTH, 'fail critical', '200', 'none'],
  // exp is checked only when present, any finite number is taken, and nothing bounds the lifetime.
  ['exp-missing', BOTH, 'fail critical', '200', 'none'],
  ['exp-type', BOTH, 'fail critical', '200', 'none'],
  ['too-broad', BOTH, 'fail critical', '200', 'none'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
  // The JWKS is fetched on every request with no timeout: a stalled JWKS stalls the request.
  ['jwks-down', BOTH, 'fail major', 'no answer', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('hono/jwk as the Hono docs set it up, on @hono/node-server, out of process', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    await expectBaselineAndScope(ENTRY);
  }, 30_000);

  it('fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer', async () => {
    // Hono's verify has no clock tolerance: exp <= now is expired, nbf > now and iat > now are refused.
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } });
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
  }, 60_000);

  it("as the docs set it up (no typ option) refuses every RFC 9068 access token, and the run says which flag fixes it", async () => {
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } }, undefined, { HONO_JWK_TYP: 'docs-default' });
    expect(report.baseline.accepted).toBe(false);
    expect(report.stop?.message).toMatch(/^baseline rejected: GET \/orders answered 401 .* with typ at\+jwt, and accepts the same token with typ JWT: run with --typ JWT$/);
    // The forgeries that need no baseline are still sent: Hono refuses them all.
    expect(report.summary.failed).toBe(0);
    expect(report.results.length).toBeGreaterThan(0);
  }, 60_000);
});
