import { describe, expect, it } from 'vitest';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./jose-remote-jwks.main.ts', import.meta.url);
const BOTH = ['GET /orders', 'GET /admin'] as const;
type Pin = [string, readonly string[], string, string, string];

/**
 * What the whole catalogue finds in jose 6.2.17's createRemoteJWKSet +
 * jwtVerify({ issuer, audience }) on plain node:http, as jose's README leads one to write it:
 * [scenario, endpoints, "verdict severity", status, Bearer challenge]. FINDINGS.md says why.
 */
const PINNED: readonly Pin[] = [
  // Our parser takes one or more spaces after the scheme (RFC 6750 §2.1 1*SP), so `Bearer  <token>` is accepted.
  ['whitespace-altered', BOTH, 'fail critical', '200', 'none'],
  // Our code reads only the Authorization header: the ?access_token= copy is ignored, not refused.
  ['multi-method', BOTH, 'fail critical', '200', 'none'],
  // createRemoteJWKSet's 30 s cooldownDuration: a new kid is not looked up, a dropped key stays trusted.
  ['rotated-key', BOTH, 'fail major', '401', 'Bearer error=invalid_token'],
  ['retired-key', BOTH, 'fail critical', '200', 'none'],
  // x5c is never read.
  ['expired-cert', BOTH, 'fail critical', '200', 'none'],
  // exp is optional and unbounded, iat is read only with maxTokenAge, typ only with the typ option.
  ['exp-missing', BOTH, 'fail critical', '200', 'none'],
  ['exp-type', BOTH, 'fail critical', '200', 'none'],
  ['iat-future', BOTH, 'fail critical', '200', 'none'],
  ['too-broad', BOTH, 'fail critical', '200', 'none'],
  ['typ-missing', BOTH, 'fail critical', '200', 'none'],
  ['refresh-as-access', BOTH, 'fail critical', '200', 'none'],
  ['id-token-as-access', ['GET /orders'], 'fail critical', '200', 'none'],
  // The ID token has no scope, so our scope check refuses it before anything notices its type.
  ['id-token-as-access', ['GET /admin'], 'fail major', '403', 'Bearer error=insufficient_scope'],
  // No introspection: revocation is invisible.
  ['revoked', BOTH, 'fail critical', '200', 'none'],
  ['introspection-down', BOTH, 'fail critical', '200', 'none'],
];

const expected = PINNED.flatMap(([id, endpoints, verdict, status, challenge]) => endpoints.map((e) => `${id} ${e}: ${verdict}, ${status}, ${challenge}`));

describe('jose createRemoteJWKSet + jwtVerify by hand on node:http, out of process', () => {
  it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', async () => {
    await expectBaselineAndScope(ENTRY);
  }, 30_000);

  it('fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer', async () => {
    // jose's default clockTolerance is 0.
    const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } });
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report).sort()).toEqual([...expected].sort());
  }, 60_000);
});
