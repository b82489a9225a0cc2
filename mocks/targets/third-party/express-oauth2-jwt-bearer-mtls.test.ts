import { describe, expect, it } from 'vitest';
import type { Report } from '../../../harness/report.ts';
import { createTlsMaterial } from '../../idp/tls.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { findingLines } from './findings.ts';
import { pin, pinnedLines } from './pinned-suite.ts';
import { runAgainstChild } from './run-child.ts';

/**
 * What the mTLS scenarios find, sent as certificate-bound tokens (`tokenType: 'mtls'`: every token
 * carries cnf.x5t#S256 of the harness's client certificate, presented on every connection), in auth0's
 * express-oauth2-jwt-bearer 1.10.0 on an Express app served over HTTPS asking for a client
 * certificate (express-oauth2-jwt-bearer-mtls.main.ts, out of process), in the library's three mTLS
 * set-ups: off (stock), on (`getCertificate` as EXAMPLES.md shows), required. The Bearer rows are
 * express-oauth2-jwt-bearer.test.ts's; these runs hold only the mTLS scenarios. FINDINGS.md says more.
 */
const ENTRY = new URL('./express-oauth2-jwt-bearer-mtls.main.ts', import.meta.url);
const MTLS = catalogue.filter((s) => s.id.startsWith('mtls-'));

async function runMode(mode: 'off' | 'on' | 'required'): Promise<Report> {
  const tls = await createTlsMaterial();
  const report = await runAgainstChild(ENTRY, { tokenType: 'mtls', targetCa: tls.caPath }, MTLS, {
    GAUNTLET_TLS_KEY: tls.key,
    GAUNTLET_TLS_CERT: tls.cert,
    GAUNTLET_MTLS: mode,
  });
  expect(report.stop).toBeNull();
  expect(report.baseline.accepted).toBe(true);
  expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
  return report;
}

const verdicts = (report: Report, id: string) => report.results.filter((r) => r.scenario === id).map((r) => r.verdict);

describe('express-oauth2-jwt-bearer 1.10.0 over mutual TLS (https.createServer, requestCert), out of process, sent as mTLS-bound tokens', () => {
  it('runs only the four mTLS scenarios', () => {
    expect(MTLS.map((s) => s.id).sort()).toEqual([
      'mtls-no-certificate',
      'mtls-other-certificate',
      'mtls-token-other-certificate',
      'mtls-unbound-token',
    ]);
  });

  it('stock (no getCertificate): mTLS validation is off, so a certificate-bound token is a bearer token again', async () => {
    const report = await runMode('off');
    const PINS = [
      pin(
        'fail critical, 200, none',
        'mTLS is opt-in (`getCertificate` turns it on): cnf.x5t#S256 is never compared with the connection certificate, nor its absence noticed',
        ['mtls-no-certificate', 'mtls-other-certificate', 'mtls-token-other-certificate'],
      ),
      pin('fail major, 200, none', 'Nothing requires a binding: an unbound token is served (major: ifAccepted)', ['mtls-unbound-token']),
    ];
    expect(findingLines(report).sort()).toEqual(pinnedLines(PINS).sort());
  }, 180_000);

  it('with getCertificate (EXAMPLES.md): the binding is checked; no certificate is 400, and an unbound token is still served', async () => {
    const report = await runMode('on');
    const PINS = [
      pin(
        'fail major, 400, Bearer error=invalid_request',
        'A bound token without a certificate raises InvalidRequestError ("A client certificate is required…"): 400 invalid_request, where RFC 8705 §3 answers 401 invalid_token',
        ['mtls-no-certificate'],
      ),
      pin(
        'fail major, 200, none',
        'mtls.required defaults to false: a token without cnf.x5t#S256 is taken as a plain Bearer token (major: ifAccepted)',
        ['mtls-unbound-token'],
      ),
    ];
    expect(findingLines(report).sort()).toEqual(pinnedLines(PINS).sort());
    for (const id of ['mtls-other-certificate', 'mtls-token-other-certificate']) expect(verdicts(report, id)).toEqual(['pass', 'pass']);
  }, 180_000);

  it('with mtls { enabled, required }: an unbound token is refused too; only the missing certificate answers 400', async () => {
    const report = await runMode('required');
    const PINS = [
      pin('fail major, 400, Bearer error=invalid_request', 'As with getCertificate alone: no certificate is InvalidRequestError, 400', [
        'mtls-no-certificate',
      ]),
    ];
    expect(findingLines(report).sort()).toEqual(pinnedLines(PINS).sort());
    for (const id of ['mtls-other-certificate', 'mtls-token-other-certificate', 'mtls-unbound-token'])
      expect(verdicts(report, id)).toEqual(['pass', 'pass']);
  }, 180_000);
});
