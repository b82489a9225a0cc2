import { describe, expect, it } from 'vitest';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import type { Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../identity/run-reference.ts';

const IDS = ['exp-boundary', 'exp-missing', 'exp-type'];
const LEEWAY = 60;

function allPass(ids: readonly string[]): string[] {
  return ids.flatMap((id) => [`${id} GET /orders pass`, `${id} GET /admin pass`]);
}

/** The reference exp check with the leeway replaced, everything else kept. */
function expiryWithLeeway(leeway: number): Step {
  return (ctx) => {
    const exp = ctx.claims?.exp;
    if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp < 0) return invalidToken('TokenRejected');
    if (exp <= ctx.now - leeway) return invalidToken('TokenExpired');
  };
}

// Introspection would call these tokens inactive (RFC 7662) and hide a flawed local check, so the
// flawed variants that could be masked validate locally only.
const LOCAL_ONLY = { introspection: undefined };

describe('the time scenarios against the reference API', () => {
  it('pass over a URL, audit codes included', async () => {
    const report = await runReference(IDS);
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(allPass(IDS));
    const boundary = report.results.find((r) => r.scenario === 'exp-boundary')!;
    expect(boundary.variants).toEqual([
      `exp ${LEEWAY + 5} s ago: 5 s beyond the ${LEEWAY} s leeway`,
      `exp ${LEEWAY - 5} s ago: 5 s inside the ${LEEWAY} s leeway`,
      `exp exactly now, inside the ${LEEWAY} s leeway`,
    ]);
  });

  it('pass in process', async () => {
    const report = await runReference(IDS, { mode: 'in-process' });
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(allPass(IDS));
  });

  it('send only the expired variant of exp-boundary when the API declares no leeway', async () => {
    const report = await runReference(['exp-boundary'], { reference: { leeway: 0 }, config: { policy: { leeway: 0 } } });
    expect(outcomes(report)).toEqual(allPass(['exp-boundary']));
    expect(report.results[0]!.variants).toEqual([]);
    expect(report.results[0]!.token?.claims.exp).toBeLessThan(Date.now() / 1000 - 4);
  });
});

describe('each time scenario fails on an API with the matching flaw', () => {
  it('exp-boundary fails as major when the API ignores its declared leeway', async () => {
    const report = await runReference(IDS, { reference: { steps: { checkExpiry: expiryWithLeeway(0) } } });
    expect(outcomes(report)).toEqual(['exp-boundary GET /orders fail major', 'exp-boundary GET /admin fail major', ...allPass(IDS.slice(1))]);
    expect(report.results[0]!.failures.join('\n')).toMatch(/\[exp 55 s ago: 5 s inside the 60 s leeway\] expected .* to be accepted \(2xx\), got 401/);
  });

  it('exp-boundary fails as critical when the API allows more leeway than it declares', async () => {
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: expiryWithLeeway(2 * LEEWAY) } } });
    expect(outcomes(report)).toEqual(['exp-boundary GET /orders fail critical', 'exp-boundary GET /admin fail critical', ...allPass(IDS.slice(1))]);
    expect(report.results[0]!.failures[0]).toMatch(/^\[exp 65 s ago: 5 s beyond the 60 s leeway\] accepted a token it must reject/);
  });

  it('exp-missing fails as critical when the API checks exp only if present', async () => {
    const onlyIfPresent: Step = (ctx) => (ctx.claims?.exp === undefined ? undefined : expiryWithLeeway(LEEWAY)(ctx));
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: onlyIfPresent } } });
    expect(outcomes(report)).toEqual([...allPass(['exp-boundary']), 'exp-missing GET /orders fail critical', 'exp-missing GET /admin fail critical', ...allPass(['exp-type'])]);
  });

  it('exp-type fails as critical when the API coerces exp with Number()', async () => {
    const coercing: Step = (ctx) => {
      if (ctx.claims?.exp === undefined) return invalidToken('TokenRejected');
      const exp = Number(ctx.claims.exp);
      if (!(exp > ctx.now - LEEWAY)) return invalidToken('TokenExpired');
    };
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: coercing } } });
    expect(outcomes(report)).toEqual([...allPass(['exp-boundary', 'exp-missing']), 'exp-type GET /orders fail critical', 'exp-type GET /admin fail critical']);
    const failed = report.results.at(-1)!.failures.join('\n');
    expect(failed).toMatch(/\[exp as a numeric string\] accepted/);
    expect(failed).toMatch(/\[exp an array\] accepted/);
  });
});
