import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

/**
 * What the step-up scenarios (RFC 9470) find in auth0's express-oauth2-jwt-bearer 1.10.0 guarding
 * routes with its own claim helpers (express-oauth2-jwt-bearer-step-up.main.ts, out of process):
 * /admin requires acr "phr" (claimEquals) and a login at most 300 s old (claimCheck on auth_time),
 * /keys acr "phr" (claimIncludes). FINDINGS.md says more.
 */
const ENTRY = new URL('./express-oauth2-jwt-bearer-step-up.main.ts', import.meta.url);
const ENDPOINTS = [
  'GET /orders',
  { method: 'GET', path: '/admin', scopes: ['admin'], acr: 'phr', maxAge: 300 },
  { method: 'GET', path: '/keys', acr: 'phr' },
];
const STEP_UP = catalogue.filter((s) => s.category === 'step-up');

describe('express-oauth2-jwt-bearer 1.10.0 with claimEquals / claimIncludes on acr and a claimCheck on auth_time, out of process', () => {
  it('refuses every shortfall on /admin with 401 invalid_token, no acr_values or max_age; claimIncludes on /keys takes a list or an array holding the acr', async () => {
    const report = await runAgainstChild(ENTRY, { endpoints: ENDPOINTS }, STEP_UP);
    expect(report.stop).toBeNull();
    expect(report.baseline.accepted).toBe(true);
    expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
    expect(findingLines(report)).toEqual([
      // InvalidTokenError("Unexpected 'acr' value" / "Missing 'acr' claim"): the RFC 6750 code, where RFC 9470 §3 has insufficient_user_authentication with acr_values.
      'acr-insufficient GET /admin: fail minor, 401, Bearer error=invalid_token',
      // isClaimIncluded splits a string claim on spaces and takes an array as is, as for scope.
      'acr-insufficient GET /keys: fail major, 200, none',
      // claimCheck's failure is InvalidTokenError too: no max_age for the client to ask for.
      'auth-time-stale GET /admin: fail minor, 401, Bearer error=invalid_token',
    ]);
    const keys = report.results.find((r) => r.scenario === 'acr-insufficient' && r.endpoint === 'GET /keys')!;
    // Accepted: a list or an array holding "phr"; refused with the RFC 6750 code: a lower acr, none, one containing it.
    const variants = (f: { severity: string; message: string }) => `${f.severity} ${f.message.slice(0, f.message.indexOf(']') + 1)}`;
    expect([...new Set(keys.findings.map(variants))].sort()).toEqual([
      'major [a space-separated acr listing the required one]',
      'major [acr an array holding the required value]',
      'minor [a lower acr]',
      'minor [acr missing]',
      'minor [an acr that only contains the required one]',
    ]);
    const admin = report.results.find((r) => r.scenario === 'acr-insufficient' && r.endpoint === 'GET /admin')!;
    expect(admin.findings.every((f) => f.severity === 'minor' && f.check === 'challenge')).toBe(true);
    // The must-accept control: a login 150 s ago is served; /keys declares no alternative acr and no max age.
    expect(report.results.filter((r) => r.scenario === 'step-up-satisfied').map((r) => `${r.endpoint} ${r.verdict}`)).toEqual([
      'GET /orders skip',
      'GET /admin pass',
      'GET /keys skip',
    ]);
  }, 120_000);
});
