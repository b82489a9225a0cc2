import { describe, expect, it } from 'vitest';
import { fixtureReport, fixtureResults } from './fixtures.ts';
import { complianceByStandard } from './text.ts';

describe('compliance per standard', () => {
  it('counts the DPoP (RFC 9449) and protected resource metadata (RFC 9728) rows by their refs, skips apart', () => {
    const [row] = fixtureResults();
    const results = [
      { ...row!, scenario: 'dpop-jti-replayed', refs: [{ spec: 'RFC 9449', section: '11.1' }], verdict: 'fail' as const },
      { ...row!, scenario: 'dpop-nonce', refs: [{ spec: 'RFC 9449', section: '9' }], verdict: 'pass' as const },
      { ...row!, scenario: 'dpop-iat', refs: [{ spec: 'RFC 9449', section: '4.3' }], verdict: 'skip' as const },
      {
        ...row!,
        scenario: 'resource-metadata',
        refs: [
          { spec: 'RFC 9728', section: '2' },
          { spec: 'RFC 9728', section: '3' },
        ],
        verdict: 'pass' as const,
      },
    ];
    const by = Object.fromEntries(complianceByStandard(fixtureReport({ results })).map((c) => [c.id, c]));
    expect(by.rfc9449).toEqual({ id: 'rfc9449', label: 'RFC 9449 (DPoP)', passed: 1, total: 2, skipped: 1 });
    expect(by.rfc9728).toEqual({ id: 'rfc9728', label: 'RFC 9728 (protected resource metadata)', passed: 1, total: 1, skipped: 0 });
    expect(by.rfc8705).toEqual({ id: 'rfc8705', label: 'RFC 8705 (mTLS certificate-bound tokens)', passed: 0, total: 0, skipped: 0 });
    expect(by.rfc9470).toEqual({ id: 'rfc9470', label: 'RFC 9470 (step-up authentication)', passed: 0, total: 0, skipped: 0 });
  });

  it('counts the step-up (RFC 9470) rows by their refs: a failure, a pass, a skip on an endpoint without step-up', () => {
    const [row] = fixtureResults();
    const stepUp = [
      { spec: 'RFC 9470', section: '3' },
      { spec: 'RFC 9068', section: '2.2.1' },
    ];
    const results = [
      { ...row!, scenario: 'acr-insufficient', refs: stepUp, verdict: 'fail' as const },
      { ...row!, scenario: 'auth-time-stale', refs: stepUp, verdict: 'pass' as const },
      { ...row!, scenario: 'step-up-satisfied', endpoint: 'GET /orders', refs: stepUp, verdict: 'skip' as const },
    ];
    const by = Object.fromEntries(complianceByStandard(fixtureReport({ results })).map((c) => [c.id, c]));
    expect(by.rfc9470).toEqual({ id: 'rfc9470', label: 'RFC 9470 (step-up authentication)', passed: 1, total: 2, skipped: 1 });
    expect(by.rfc9449).toMatchObject({ total: 0 });
  });

  it('counts the certificate-bound token (RFC 8705) rows by their refs', () => {
    const [row] = fixtureResults();
    const results = [
      { ...row!, scenario: 'mtls-no-certificate', refs: [{ spec: 'RFC 8705', section: '3' }], verdict: 'pass' as const },
      { ...row!, scenario: 'mtls-other-certificate', refs: [{ spec: 'RFC 8705', section: '3.1' }], verdict: 'fail' as const },
      { ...row!, scenario: 'mtls-unbound-token', refs: [{ spec: 'RFC 8705', section: '3' }], verdict: 'skip' as const },
      { ...row!, scenario: 'dpop-nonce', refs: [{ spec: 'RFC 9449', section: '9' }], verdict: 'pass' as const },
    ];
    const by = Object.fromEntries(complianceByStandard(fixtureReport({ results })).map((c) => [c.id, c]));
    expect(by.rfc8705).toEqual({ id: 'rfc8705', label: 'RFC 8705 (mTLS certificate-bound tokens)', passed: 1, total: 2, skipped: 1 });
    expect(by.rfc9449).toMatchObject({ passed: 1, total: 1 });
  });

  it('counts introspection rows (RFC 7662) with the RFC 9701 JWT-answer ones under them, once each', () => {
    const [row] = fixtureResults();
    const results = [
      { ...row!, scenario: 'revoked', refs: [{ spec: 'RFC 7009' }, { spec: 'RFC 7662', section: '2.2' }], verdict: 'pass' as const },
      { ...row!, scenario: 'introspection-jwt-stale', refs: [{ spec: 'RFC 9701', section: '5' }], verdict: 'fail' as const },
      {
        ...row!,
        scenario: 'introspection-jwt-signature',
        refs: [
          { spec: 'RFC 9701', section: '5' },
          { spec: 'RFC 7662', section: '2.2' },
        ],
        verdict: 'pass' as const,
      },
      { ...row!, scenario: 'opaque-unknown', refs: [{ spec: 'RFC 7662', section: '2.2' }], verdict: 'skip' as const },
      { ...row!, scenario: 'alg-none', refs: [{ spec: 'RFC 8725', section: '3.1' }], verdict: 'pass' as const },
    ];
    const by = Object.fromEntries(complianceByStandard(fixtureReport({ results })).map((c) => [c.id, c]));
    expect(by.rfc7662).toEqual({
      id: 'rfc7662',
      label: 'RFC 7662 (token introspection, with RFC 9701 JWT answers)',
      passed: 2,
      total: 3,
      skipped: 1,
    });
  });
});
