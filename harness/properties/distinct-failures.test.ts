import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceApi, type RunningReferenceApi } from '../../mocks/targets/reference/app.ts';
import type { ReferenceOptions } from '../../mocks/targets/reference/options.ts';
import { SEVERITY_ORDER } from '../core/finding.ts';
import { resolveConfig, type ResolvedConfig } from '../config.ts';
import { openIdpSession } from '../idp-session.ts';
import { replay } from '../replay.ts';
import { summarize, type PropertyFailure, type PropertyResult, type Report } from '../report.ts';
import { openTarget, run } from '../run.ts';
import { assertReport } from '../../reports/validate.ts';
import { painter } from '../cli/colour.ts';
import { propertyLines } from '../cli/run-command.ts';
import { classKey } from './failure-class.ts';
import { FAMILIES } from './families.ts';
import { startAudOptionalCrashy } from './fixtures/aud-optional-crashy.ts';
import { runProperties, type CaseEvent } from './run-properties.ts';
import { caseAtPath } from './search.ts';
import { caseSpace } from './space.ts';

/**
 * Seed 10 puts a nested aud (answered 500 by the flawed twin) first in the audience property's stream
 * and a token with no aud (accepted) at its eighth case: exactly where fast-check alone, stopping at the
 * first failure, would have reported the 500 and never the accepted token. The test checks that order.
 */
const SEED = 10;
const RUNS = 300;

type Start = (options: ReferenceOptions) => Promise<RunningReferenceApi>;

function configFor(start: Start): Promise<ResolvedConfig> {
  return resolveConfig(
    {},
    {
      target: { start: (env) => start({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience }) },
      endpoints: ['GET /orders'],
      runs: RUNS,
      seed: SEED,
    },
  );
}

const firstCase = (f: PropertyFailure): number => Number(f.path.split(':')[0]);
const audience = (r: { properties: PropertyResult[] }): PropertyResult => r.properties.find((p) => p.property === 'audience')!;

const write = process.stderr.write;
beforeAll(() => {
  // The flawed twin really crashes, and the reference logs each crash's stack: expected, not news.
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    String(chunk).startsWith('reference API: ')
      ? true
      : (write as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest)) as typeof write;
});
afterAll(() => {
  process.stderr.write = write;
});

describe('a property against an API with a critical behind a major', () => {
  let config: ResolvedConfig;
  let report: Report;

  beforeAll(async () => {
    config = await configFor(startAudOptionalCrashy);
    report = JSON.parse(JSON.stringify(await run(config, []))) as Report;
  }, 120_000);

  it('reports the token without aud accepted as critical, and the 500 to a nested aud as a second, major failure', () => {
    const p = audience(report);
    expect(p.verdict).toBe('fail');
    const listed = p.distinctFailures!;
    expect(listed.map((f) => [f.severity, f.answer, f.rules, f.counterexample.mutations, f.counterexample.observed?.status])).toEqual([
      ['critical', 'OK', ['C2'], [{ kind: 'audience', shape: 'absent' }], 200],
      ['major', '5xx', ['C2'], [{ kind: 'audience', shape: 'nested' }], 500],
    ]);
    const [critical, major] = listed as [PropertyFailure, PropertyFailure];
    // The 500 came first in the stream: the critical was found only by looking on.
    expect(firstCase(major)).toBeLessThan(firstCase(critical));
    expect('aud' in critical.counterexample.claims).toBe(false);
    expect(critical.counterexample.expected.classes).toEqual(['IT']);
    expect(p.failures).toEqual([
      'aud absent: expected invalid_token, got 200 (accepted)',
      'aud nested: expected invalid_token, got 500 (no challenge)',
    ]);
    // The worst is also the result's own counterexample, path and curl, as before.
    expect(p.counterexample).toEqual(critical.counterexample);
    expect(p.path).toBe(critical.path);
    expect(p.reproduce).toBe(critical.reproduce);
    expect(major.reproduce).toMatch(/^curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/orders' -H 'authorization: Bearer ey/);
    expect(p.runs).toBe(RUNS / 12);
  });

  it('prints the worst failure on the live line, then each other distinct failure', () => {
    expect(propertyLines(audience(report), painter(false))).toEqual([
      'FAIL property audience GET /orders [critical] - aud absent',
      '     also [major] aud nested',
    ]);
  });

  it('counts each property once, by its worst failure', () => {
    const failed = report.properties.filter((p) => p.verdict === 'fail');
    expect(failed.length).toBeGreaterThan(1);
    const worst = (sev: string) => failed.filter((p) => p.distinctFailures![0]!.severity === sev).length;
    expect(report.summary.bySeverity).toEqual({ critical: worst('critical'), major: worst('major'), minor: worst('minor') });
    expect(report.summary).toEqual(summarize([], report.properties));
    expect(summarize([], [audience(report)]).bySeverity).toEqual({ critical: 1, major: 0, minor: 0 });
  });

  it('lists each failure class once per property, worst first, and writes a report the schema accepts', () => {
    expect(() => assertReport(report)).not.toThrow();
    for (const p of report.properties) {
      const listed = p.distinctFailures!;
      expect(new Set(listed.map((f) => classKey(f))).size).toBe(listed.length);
      const ranks = listed.map((f) => SEVERITY_ORDER[f.severity]);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(p.failures).toEqual(listed.flatMap((f) => f.failures));
    }
  });

  it('gives every listed failure a seed and path that lead fast-check back to its shrunk case', async () => {
    const endpoint = config.endpoints[0]!;
    const space = caseSpace(config, endpoint);
    const listed = report.properties.flatMap((p) => p.distinctFailures!.map((f) => ({ p, f })));
    expect(listed.length).toBeGreaterThan(2);
    for (const { p, f } of listed) {
      const family = FAMILIES.find((x) => x.name === p.property)!;
      expect(await caseAtPath(family.arbitrary(space), p.seed, f.path)).toEqual(f.counterexample.mutations);
    }
  });

  it('replays every listed failure: still failing against the flawed API, fixed against its twin', async () => {
    const still = await replay(report, config, { scenarios: [] });
    const cases = still.filter((c) => c.name === 'audience').map((c) => `${c.mark} ${c.case}`);
    expect(cases).toEqual(['STILL FAILING aud absent', 'STILL FAILING aud nested']);
    expect(still.length).toBe(report.properties.reduce((n, p) => n + p.distinctFailures!.length, 0));
    expect(still.every((c) => c.mark === 'STILL FAILING')).toBe(true);
    const fixed = await replay(report, await configFor(startReferenceApi), { scenarios: [] });
    expect(fixed.every((c) => c.mark === 'FIXED')).toBe(true);
    expect(fixed.length).toBe(still.length);
  }, 60_000);
});

describe('the same properties against the reference twin, which has neither flaw', () => {
  it('pass, though the same seed sends a token without aud and one with a nested aud', async () => {
    const config = await configFor(startReferenceApi);
    const session = await openIdpSession(config, false);
    const target = await openTarget(config, session.env);
    const sent: CaseEvent[] = [];
    try {
      const results = await runProperties(config, session, target, { progress: null, onCase: (e) => sent.push(e) });
      expect(results.filter((p) => p.verdict !== 'pass').map((p) => p.failures[0])).toEqual([]);
      expect(results.every((p) => p.distinctFailures?.length === 0 && p.counterexample === null)).toBe(true);
    } finally {
      await target.close();
      await session.close();
    }
    const audienceCases = sent.filter((e) => e.property === 'audience').map((e) => JSON.stringify(e.mutations));
    expect(audienceCases).toContain(JSON.stringify([{ kind: 'audience', shape: 'absent' }]));
    expect(audienceCases).toContain(JSON.stringify([{ kind: 'audience', shape: 'nested' }]));
    expect(sent.every((e) => e.pass)).toBe(true);
  }, 120_000);
});
