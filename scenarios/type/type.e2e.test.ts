import { describe, expect, it } from 'vitest';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import type { Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../../test-support/run-reference.ts';

const PASS = ['typ-long-form GET /orders pass', 'typ-long-form GET /admin pass'];

describe('typ-long-form against the reference API', () => {
  it('passes over a URL and in process', async () => {
    const overUrl = await runReference(['typ-long-form']);
    const inProcess = await runReference(['typ-long-form'], { mode: 'in-process' });
    expect(failures(overUrl)).toEqual([]);
    expect(outcomes(overUrl)).toEqual(PASS);
    expect(outcomes(inProcess)).toEqual(PASS);
    expect(overUrl.results[0]!.token?.header.typ).toBe('application/at+jwt');
  });

  it('fails as major when the API compares typ with "at+jwt" exactly', async () => {
    const exact: Step = (ctx) => {
      if (ctx.header?.typ !== ctx.options.requiredTyp) return invalidToken('InvalidTokenType');
    };
    const report = await runReference(['typ-long-form'], { reference: { steps: { checkType: exact } } });
    expect(outcomes(report)).toEqual(['typ-long-form GET /orders fail major', 'typ-long-form GET /admin fail major']);
    expect(report.results[0]!.failures[0]).toMatch(/expected .* to be accepted \(2xx\), got 401/);
  });

  it('sends the short form when the baseline already uses the long one', async () => {
    const report = await runReference(['typ-long-form'], { config: { baseline: { typ: 'application/at+jwt' } } });
    expect(outcomes(report)).toEqual(PASS);
    expect(report.results[0]!.token?.header.typ).toBe('at+jwt');
  });
});
