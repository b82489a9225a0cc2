import { describe, expect, it } from 'vitest';
import { insufficientScope } from '../../mocks/targets/reference/rejection.ts';
import { referenceSteps, skip, type Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../../test-support/run-reference.ts';

const IDS = ['scope-missing', 'scope-empty', 'scope-tricks'];
const SKIPPED = 'the endpoint needs no scope, so there is none to withhold';

/** /orders needs no scope (skipped); /admin passes, except `failing`, which fails with `severity`. */
function expected(failing: Record<string, 'critical' | 'major'> = {}): string[] {
  return IDS.flatMap((id) => [`${id} GET /orders skip`, failing[id] ? `${id} GET /admin fail ${failing[id]}` : `${id} GET /admin pass`]);
}

/** The reference scope check, except that a needed scope anywhere inside the claim's text counts. */
const bySubstring: Step = (ctx) => {
  const scope = ctx.claims?.scope;
  if (typeof scope !== 'string' || scope === '') return referenceSteps.checkScope(ctx);
  if (!ctx.endpoint.scopes.every((s) => scope.includes(s))) return insufficientScope('ScopeMismatched', ctx.endpoint.scopes);
};

describe('the scope scenarios against the reference API', () => {
  it('pass on the scoped endpoint over a URL, audit codes included, and skip the unscoped one', async () => {
    const report = await runReference(IDS);
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(expected());
    expect(report.results.filter((r) => r.verdict === 'skip').map((r) => r.skipReason)).toEqual([SKIPPED, SKIPPED, SKIPPED]);
    expect(report.results.find((r) => r.scenario === 'scope-tricks' && r.verdict === 'pass')!.variants).toEqual([
      'scope as a JSON array: ["admin"]',
      'prefixes: "adm"',
      'superstrings: "administrator"',
      'case variants: "ADMIN"',
      'comma-separated: "gauntlet.unrelated,admin"',
    ]);
  });

  it('pass in process', async () => {
    const report = await runReference(IDS, { mode: 'in-process' });
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(expected());
  });

  it('all fail as critical when the API skips the scope check', async () => {
    const report = await runReference(IDS, { reference: { steps: { checkScope: skip } } });
    expect(outcomes(report)).toEqual(expected({ 'scope-missing': 'critical', 'scope-empty': 'critical', 'scope-tricks': 'critical' }));
  });

  it('scope-empty alone fails as critical when the API reads an empty scope as unrestricted', async () => {
    const emptyIsAll: Step = (ctx) => (ctx.claims?.scope === '' ? undefined : referenceSteps.checkScope(ctx));
    const report = await runReference(IDS, { reference: { steps: { checkScope: emptyIsAll } } });
    expect(outcomes(report)).toEqual(expected({ 'scope-empty': 'critical' }));
  });

  it('scope-tricks alone fails as critical when the API matches scopes as substrings', async () => {
    const report = await runReference(IDS, { reference: { steps: { checkScope: bySubstring } } });
    expect(outcomes(report)).toEqual(expected({ 'scope-tricks': 'critical' }));
    const failed = report.results.find((r) => r.scenario === 'scope-tricks' && r.verdict === 'fail')!.failures;
    expect(failed.map((f) => f.split(']')[0])).toEqual(['[superstrings: "administrator"', '[comma-separated: "gauntlet.unrelated,admin"']);
  });

  it('scope-tricks alone fails as critical when the API takes a scope array as the list of scopes', async () => {
    const acceptsArray: Step = (ctx) => {
      const scope = ctx.claims?.scope;
      if (Array.isArray(scope) && ctx.endpoint.scopes.every((s) => scope.includes(s))) return undefined;
      return referenceSteps.checkScope(ctx);
    };
    const report = await runReference(IDS, { reference: { steps: { checkScope: acceptsArray } } });
    expect(outcomes(report)).toEqual(expected({ 'scope-tricks': 'critical' }));
  });
});
