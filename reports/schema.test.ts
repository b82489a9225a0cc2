import { describe, expect, it } from 'vitest';
import { SEVERITY_ORDER } from '../harness/core/finding.ts';
import { resolveConfig } from '../harness/config.ts';
import { isHarnessError } from '../harness/core/errors.ts';
import { scenariosFor } from '../harness/load-scenarios.ts';
import type { ExpectedAnswer, ObservedAnswer, PropertyCounterexample, PropertyFailure, PropertyResult, Report, ResultRow, Summary } from '../harness/report.ts';
import type { DeclaredPolicy } from '../harness/policy/declared.ts';
import type { ObservedPolicy } from '../harness/core/observed-policy.ts';
import { run } from '../harness/run.ts';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { skip } from '../mocks/targets/reference/steps.ts';
import { CATEGORIES } from '../harness/core/category.ts';
import { fixtureReport, passingReport } from './fixtures.ts';
import { renderers } from './index.ts';
import { assertReport, isReport, reportSchema } from './validate.ts';

/** Every key of each interface, checked by tsc (`satisfies`): adding a field to report.ts breaks this until the schema follows. */
const KEYS = {
  report: {
    schemaVersion: 1, tool: 1, startedAt: 1, finishedAt: 1, partial: 1, stop: 1, target: 1, profile: 1, idp: 1, baseline: 1, endpoints: 1, seed: 1, declaredPolicy: 1, observedPolicy: 1, summary: 1, results: 1, properties: 1,
  } satisfies Record<keyof Report, 1>,
  declaredPolicy: { leeway: 1, maxLifetime: 1, algorithms: 1, revocation: 1 } satisfies Record<keyof DeclaredPolicy, 1>,
  observedPolicy: {
    expLeeway: 1, nbfLeeway: 1, iatLeeway: 1, maxLifetime: 1, algorithms: 1, typ: 1, introspection: 1, how: 1, unbounded: 1, endpoint: 1, probes: 1,
  } satisfies Record<keyof ObservedPolicy, 1>,
  result: {
    scenario: 1, title: 1, endpoint: 1, category: 1, severity: 1, refs: 1, verdict: 1, expected: 1, observed: 1, failures: 1, findings: 1, reproduce: 1, resolution: 1, token: 1, variants: 1, skipReason: 1, error: 1, notes: 1,
  } satisfies Record<keyof ResultRow, 1>,
  expected: { classes: 1, status: 1, error: 1, message: 1, auditCode: 1 } satisfies Record<keyof ExpectedAnswer, 1>,
  observed: { status: 1, wwwAuthenticate: 1, body: 1, auditCode: 1, durationMs: 1 } satisfies Record<keyof ObservedAnswer, 1>,
  property: { property: 1, endpoint: 1, seed: 1, path: 1, runs: 1, verdict: 1, counterexample: 1, distinctFailures: 1, failures: 1, reproduce: 1 } satisfies Record<keyof PropertyResult, 1>,
  propertyFailure: { severity: 1, answer: 1, rules: 1, path: 1, failures: 1, reproduce: 1, counterexample: 1 } satisfies Record<keyof PropertyFailure, 1>,
  propertyCounterexample: {
    mutations: 1, case: 1, severity: 1, shrinks: 1, scopes: 1, policy: 1, expected: 1, observed: 1, header: 1, claims: 1, token: 1,
  } satisfies Record<keyof PropertyCounterexample, 1>,
  summary: { total: 1, passed: 1, failed: 1, skipped: 1, errored: 1, bySeverity: 1 } satisfies Record<keyof Summary, 1>,
};

type Node = { properties: Record<string, unknown>; required: string[]; enum?: unknown[] };
const schema = reportSchema() as unknown as Node & { $defs: Record<string, Node> };
const defs = schema.$defs;

function clone(): Report {
  return structuredClone(fixtureReport());
}

describe('report.v1.json', () => {
  it('accepts the fixture reports', () => {
    expect(isReport(fixtureReport())).toBe(true);
    expect(isReport(passingReport())).toBe(true);
    expect(isReport(JSON.parse(JSON.stringify(fixtureReport())))).toBe(true);
  });

  it('has exactly the fields of the Report type, each marked required unless optional in report.ts', () => {
    const same = (node: Node, keys: object) => expect(Object.keys(node.properties).sort()).toEqual(Object.keys(keys).sort());
    same(schema, KEYS.report);
    same(defs.result!, KEYS.result);
    same(defs.expected!, KEYS.expected);
    same(defs.observed!, KEYS.observed);
    same(defs.property!, KEYS.property);
    same(defs.summary!, KEYS.summary);
    same(defs.propertyFailure!, KEYS.propertyFailure);
    same(defs.propertyCounterexample!, KEYS.propertyCounterexample);
    expect(Object.keys(KEYS.result).filter((k) => !defs.result!.required.includes(k)).sort()).toEqual(['error', 'notes', 'skipReason']);
    expect(Object.keys(KEYS.property).filter((k) => !defs.property!.required.includes(k))).toEqual(['counterexample', 'distinctFailures']);
    expect(defs.propertyFailure!.required.sort()).toEqual(Object.keys(KEYS.propertyFailure).sort());
    expect(Object.keys(KEYS.propertyCounterexample).filter((k) => !defs.propertyCounterexample!.required.includes(k))).toEqual(['token']);
    same(defs.declaredPolicy!, KEYS.declaredPolicy);
    same(defs.observedPolicy!, KEYS.observedPolicy);
    expect(defs.declaredPolicy!.required.sort()).toEqual(Object.keys(KEYS.declaredPolicy).sort());
    expect(defs.observedPolicy!.required.sort()).toEqual(Object.keys(KEYS.observedPolicy).sort());
    // The policies are optional: reports written before they existed stay valid.
    expect(Object.keys(KEYS.report).filter((k) => !schema.required.includes(k)).sort()).toEqual(['declaredPolicy', 'observedPolicy']);
    expect(Object.keys(KEYS.result).filter((k) => !defs.result!.required.includes(k)).sort()).toEqual(['error', 'notes', 'skipReason']);
  });

  it('types each distinct property failure: a severity, a replay path and a built-in counterexample', () => {
    const badPath = clone();
    badPath.properties[1]!.distinctFailures![1]!.path = 'seventeen';
    const noSeverity = clone();
    delete (noSeverity.properties[1]!.distinctFailures![0] as Partial<PropertyFailure>).severity;
    const foreign = clone();
    (foreign.properties[1]!.distinctFailures![1] as { counterexample: unknown }).counterexample = { anything: true };
    expect(isReport(clone())).toBe(true);
    for (const r of [badPath, noSeverity, foreign]) expect(isReport(r)).toBe(false);
    const older = clone();
    delete older.properties[1]!.distinctFailures;
    expect(isReport(older)).toBe(true);
  });

  it('uses the same categories and severities as the catalogue', () => {
    expect(defs.category!.enum).toEqual([...CATEGORIES]);
    expect(defs.severity!.enum).toEqual(Object.keys(SEVERITY_ORDER));
  });

  it('refuses a wrong verdict, a missing field, an extra field and a bad date, naming where', () => {
    const wrongVerdict = clone();
    (wrongVerdict.results[1] as { verdict: string }).verdict = 'failed';
    const missing = clone() as Partial<Report>;
    delete missing.summary;
    const extra = clone();
    (extra.results[0] as unknown as Record<string, unknown>).colour = 'red';
    const badDate = clone();
    badDate.startedAt = 'yesterday';
    const messages = [wrongVerdict, missing, extra, badDate].map((r) => {
      try {
        assertReport(r, 'x.json');
        return 'accepted';
      } catch (err) {
        expect(isHarnessError(err) && err.code).toBe('ERR_REPORT_INVALID');
        return (err as Error).message;
      }
    });
    expect(messages[0]).toContain('/results/1/verdict: must be equal to one of the allowed values');
    expect(messages[1]).toContain('(top level): missing summary');
    expect(messages[2]).toContain('/results/0: must NOT have additional properties "colour"');
    expect(messages[3]).toContain('/startedAt: must match format "date-time"');
    for (const m of messages) expect(m).not.toContain('\n');
  });

  it('accepts the report of a real run against a flawed API, which every writer renders', async () => {
    const config = await resolveConfig(
      {},
      {
        audience: 'https://orders.gauntlet.test',
        endpoints: ['GET /orders', 'GET /admin admin'],
        only: ['no-credentials', 'expired', 'sig-tampered', 'alg-none', 'wrong-issuer', 'scope-missing', 'typ-missing'],
        target: { app: (env) => createReferenceApi({ ...env, introspection: undefined, steps: { checkExpiry: skip } }) },
      },
    );
    const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir, config.only, config.skip);
    const report = JSON.parse(JSON.stringify(await run(config, scenarios))) as unknown;
    expect(() => assertReport(report)).not.toThrow();
    const r = report as Report;
    expect(r.results.some((x) => x.verdict === 'fail' && x.severity === 'critical' && x.token)).toBe(true);
    expect(r.results.some((x) => x.verdict === 'pass')).toBe(true);
    expect(r.results.some((x) => x.verdict === 'skip')).toBe(true);
    for (const render of Object.values(renderers)) expect(render(r).length).toBeGreaterThan(100);
  });
});
