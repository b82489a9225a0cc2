import { expect, it } from 'vitest';
import { pin, pinnedSuite } from './pinned-suite.ts';
import { CLAIM_TYPES, OPTIONAL_CLAIMS, headerOnly } from './shared-pins.ts';
import { runAgainstChild } from './run-child.ts';

const ENTRY = new URL('./hono-jwk.main.ts', import.meta.url);

/**
 * What the whole catalogue finds in Hono 4.13.19's `hono/jwk` as the Hono docs set it up (plus
 * `verification.typ: 'at+jwt'`), on @hono/node-server 2.1.8. FINDINGS.md says more about each group.
 */
pinnedSuite({
  title: 'hono/jwk as the Hono docs set it up, on @hono/node-server, out of process',
  validator: 'hono-jwk',
  observed: {
    expLeeway: 0,
    nbfLeeway: 0,
    iatLeeway: 0,
    maxLifetime: null,
    unbounded: ['maxLifetime'],
    algorithms: ['RS256'],
    typ: ['at+jwt', 'application/at+jwt'],
  },
  pins: [
    pin(
      'fail minor, 401, Bearer error=invalid_request',
      'No credentials or another scheme: error="invalid_request", where RFC 6750 §3.1 wants no error code; `Bearer` alone: invalid_request with 401, where it means 400',
      ['no-credentials', 'wrong-scheme', 'empty-token'],
    ),
    pin(
      'fail major, 200, none',
      'The header is split on /\\s+/, so `Bearer<tab><token>` is accepted (two spaces are too, which RFC 6750 §2.1 allows); a tab inside gets invalid_request',
      ['whitespace-altered'],
    ),
    headerOnly(),
    pin(
      'fail major, 200, none',
      'verify checks iat only when present (`payload.iat !== undefined`), and neither it nor the middleware looks at sub, client_id or jti (major: ifAccepted)',
      OPTIONAL_CLAIMS,
    ),
    pin(
      'fail critical, 200, none',
      'Keys are matched by kid, x5c never read; exp is checked only when present and any finite number is taken; nothing introspects',
      ['expired-cert', 'exp-missing', 'revoked'],
    ),
    pin('fail major, no answer, none', 'The JWKS is fetched on every request with no timeout: a stalled JWKS stalls the request', [
      'jwks-down',
    ]),
    CLAIM_TYPES,
  ],
  more: () => {
    it('as the docs set it up (no typ option) refuses every RFC 9068 access token, and the run says which flag fixes it', async () => {
      const report = await runAgainstChild(ENTRY, { policy: { leeway: 0 } }, undefined, { HONO_JWK_TYP: 'docs-default' });
      expect(report.baseline.accepted).toBe(false);
      expect(report.stop?.message).toMatch(
        /^baseline rejected: GET \/orders answered 401 .* with typ at\+jwt, and accepts the same token with typ JWT: run with --typ JWT$/,
      );
      // The forgeries that need no baseline are still sent: Hono refuses them all.
      expect(report.summary.failed).toBe(0);
      expect(report.results.length).toBeGreaterThan(0);
    }, 60_000);
  },
});
