import { describe, expect, it } from 'vitest';
import type { Report } from '../../../harness/report.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { findingLines } from './findings.ts';
import { BOTH, pin, pinnedLines, type Pin } from './pinned-suite.ts';
import { runAgainstChild } from './run-child.ts';

/**
 * What the catalogue finds in oauth4webapi 3.8.8's introspectionRequest + processIntrospectionResponse,
 * validating opaque tokens out of process (oauth4webapi-introspection.main.ts), in its three set-ups:
 * RFC 7662 JSON answers, RFC 9701 JWT answers as the typedoc allows them (no signature check), and
 * JWT answers with validateApplicationLevelSignature. FINDINGS.md says more about each group.
 */
const ENTRY = new URL('./oauth4webapi-introspection.main.ts', import.meta.url);

function run(mode: 'json' | 'jwt' | 'jwt-signed'): Promise<Report> {
  // ES256 only, the algorithm the client names in introspection_signed_response_alg; oauth4webapi's default clockTolerance is 30 s.
  return runAgainstChild(
    ENTRY,
    { baseline: { format: 'opaque', alg: 'ES256' }, idp: { algs: ['ES256'] }, policy: { leeway: 30 } },
    catalogue,
    {
      GAUNTLET_O4W_MODE: mode,
    },
  );
}

/** Ours, not oauth4webapi's: the server reads only the Authorization header, so a ?access_token= copy is ignored, not refused. */
const MULTI_METHOD = pin('fail major, 200, none', 'Our code reads only the Authorization header (major: ifAccepted)', ['multi-method']);

const STALE = pin(
  'fail critical, 200, none',
  'processIntrospectionResponse requires iat to be present but never bounds its age, so an hour-old answer replayed for a since-revoked token is believed',
  ['introspection-jwt-stale'],
);

function expectRun(report: Report, pins: readonly Pin[]): void {
  expect(report.stop).toBeNull();
  expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
  expect(findingLines(report).sort()).toEqual(pinnedLines(pins).sort());
  expect(report.observedPolicy).toMatchObject({ introspection: true, algorithms: null, typ: null });
  // The opaque scenarios were judged, not skipped.
  for (const id of ['opaque-unknown', 'revoked', 'introspection-garbage', 'wrong-audience'])
    expect(report.results.filter((r) => r.scenario === id).map((r) => r.verdict)).toEqual(['pass', 'pass']);
}

describe('oauth4webapi introspection (opaque tokens) on node:http, out of process', () => {
  it('with JSON answers (RFC 7662): only our own multi-method gap', async () => {
    const report = await run('json');
    expectRun(report, [MULTI_METHOD]);
    // JSON asked, so the forged JWT answers never reach it: the IdP's truth (revoked) is refused.
    expect(report.results.filter((r) => r.scenario.startsWith('introspection-jwt-')).every((r) => r.verdict === 'pass')).toBe(true);
  }, 240_000);

  it('with JWT answers (RFC 9701), signature not validated as the typedoc allows: a stranger-signed answer and a stale one are believed', async () => {
    expectRun(await run('jwt'), [
      MULTI_METHOD,
      STALE,
      pin(
        'fail critical, 200, none',
        'processIntrospectionResponse checks typ, iss, aud and the algorithm but not the signature (validateApplicationLevelSignature is documented as optional over TLS); alg none is refused by the algorithm check',
        ['introspection-jwt-signature'],
        BOTH,
      ),
    ]);
  }, 240_000);

  it('with JWT answers and validateApplicationLevelSignature: the signature holds, the stale answer is still believed', async () => {
    expectRun(await run('jwt-signed'), [MULTI_METHOD, STALE]);
  }, 240_000);
});
