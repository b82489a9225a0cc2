import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { SEVERITY_ORDER } from '../harness/core/finding.ts';
import { resolveConfig } from '../harness/config.ts';
import { isHarnessError } from '../harness/core/errors.ts';
import { scenariosFor } from '../harness/load-scenarios.ts';
import { reportSchema } from '../harness/report/schema.ts';
import { propertyFailures, type Report } from '../harness/report.ts';
import { run } from '../harness/run.ts';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { skip } from '../mocks/targets/reference/steps.ts';
import { CATEGORIES } from '../scenarios/define.ts';
import { fixtureReport, passingReport } from './fixtures.ts';
import { renderers } from './index.ts';
import { renderJson } from './json.ts';
import { SCHEMA_FILE, schemaText } from './schema/generate.ts';
import { assertReport, isReport } from './validate.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fixture report as plain JSON, to break the way a hand-edited file would be. */
const json = (r: Report = fixtureReport()): Json => JSON.parse(JSON.stringify(r)) as Json;

function refusal(value: unknown): string {
  try {
    assertReport(value, 'x.json');
  } catch (err) {
    expect(isHarnessError(err) && err.code).toBe('ERR_REPORT_INVALID');
    return (err as Error).message;
  }
  return 'accepted';
}

/** The checked-in JSON Schema, compiled by a validator that is not zod. */
const published = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  formatsModule.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
})();

describe('the report schema (harness/report/schema.ts)', () => {
  it('is what reports/schema/report.v1.json holds: run "npm run schema" after changing the report', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('reads the reports this gauntlet writes into themselves', () => {
    for (const r of [fixtureReport(), passingReport()]) {
      expect(isReport(r)).toBe(true);
      expect(assertReport(json(r))).toEqual(json(r));
    }
  });

  it('tells property results apart by verdict: a failed one carries its counterexample, a passed or errored one none', () => {
    const r = json();
    expect(r.properties.map((p: Json) => p.verdict)).toEqual(['pass', 'fail']);
    const passWithCounterexample = json();
    passWithCounterexample.properties[0].counterexample = r.properties[1].counterexample;
    const failWithout = json();
    failWithout.properties[1].counterexample = null;
    const errorWithFailures = json();
    Object.assign(errorWithFailures.properties[1], { verdict: 'error' });
    const skipped = json();
    skipped.properties[0].verdict = 'skip';
    expect(refusal(passWithCounterexample)).toMatch(
      /^x\.json is not a token-gauntlet report \(properties\[0\]\.counterexample: expected null, received object\)/,
    );
    expect(refusal(failWithout)).toMatch(/\(properties\[1\]\.counterexample: expected object, received null\)/);
    expect(refusal(errorWithFailures)).toMatch(/\(properties\[1\]\.(path|counterexample|distinctFailures|reproduce): /);
    expect(refusal(skipped)).toMatch(/\(properties\[0\]\.verdict: Invalid discriminator value\. Expected 'pass' \| 'fail' \| 'error'\)/);
  });

  it('types each distinct failure: a severity, a replay path and a counterexample of mutations replay can mint', () => {
    const badPath = json();
    badPath.properties[1].distinctFailures[1].path = 'seventeen';
    const noSeverity = json();
    delete noSeverity.properties[1].distinctFailures[0].severity;
    const foreign = json();
    foreign.properties[1].distinctFailures[1].counterexample = { anything: true };
    const badMutation = json();
    badMutation.properties[1].counterexample.mutations[0].offset = 'soon';
    expect(refusal(badPath)).toContain('properties[1].distinctFailures[1].path: expected a fast-check path such as 17:3:0');
    expect(refusal(noSeverity)).toContain('properties[1].distinctFailures[0].severity: missing');
    expect(refusal(foreign)).toContain('properties[1].distinctFailures[1].counterexample.mutations: missing');
    expect(refusal(badMutation)).toContain('properties[1].counterexample.mutations[0].offset: expected number, received string');
  });

  it("reads a report written before distinct failures, policies and target kinds were recorded, into today's shape", () => {
    const older = json();
    delete older.properties[1].distinctFailures;
    delete older.properties[0].distinctFailures;
    delete older.properties[0].counterexample;
    delete older.declaredPolicy;
    delete older.observedPolicy;
    const read = assertReport(older);
    const failed = read.properties[1]!;
    expect(failed.verdict).toBe('fail');
    if (failed.verdict !== 'fail') return;
    // The one failure its counterexample describes: severity, answer as a status family, rules from the reasons.
    expect(propertyFailures(failed)).toEqual([
      {
        severity: 'critical',
        answer: '2xx',
        rules: [],
        path: '17:3:0:1',
        failures: failed.failures,
        reproduce: failed.reproduce,
        counterexample: failed.counterexample,
      },
    ]);
    expect(read.properties[0]).toMatchObject({ verdict: 'pass', counterexample: null, distinctFailures: [] });
    expect(published(older)).toBe(true);
  });

  it('refuses a wrong verdict, a missing field, an unknown field, a bad date and another schemaVersion in one line naming the field', () => {
    const wrongVerdict = json();
    wrongVerdict.results[1].verdict = 'failed';
    const missing = json();
    delete missing.summary;
    const extra = json();
    extra.results[0].colour = 'red';
    const badDate = json();
    badDate.startedAt = 'yesterday';
    const messages = [wrongVerdict, missing, extra, badDate, { ...json(), schemaVersion: 2 }, [], null].map(refusal);
    expect(messages[0]).toBe(
      'x.json is not a token-gauntlet report (results[1].verdict: expected one of "pass"|"fail"|"skip"|"error"); pass the report.json that "gauntlet run" wrote, unedited',
    );
    expect(messages[1]).toContain('(summary: missing)');
    expect(messages[2]).toContain('(results[0]: unknown field "colour")');
    expect(messages[3]).toContain('(startedAt: Invalid ISO datetime)');
    expect(messages[4]).toBe(
      'x.json has schemaVersion 2, this gauntlet reads schemaVersion 1; read it with the gauntlet version that wrote it',
    );
    expect(messages[5]).toContain('((top level): expected object, received array)');
    expect(messages[6]).toContain('((top level): expected object, received null)');
    for (const m of messages) expect(m).not.toContain('\n');
  });

  it('uses the same categories and severities as the catalogue', () => {
    const defs = (JSON.parse(schemaText()) as { $defs: Record<string, { enum?: unknown[] }> }).$defs;
    expect(defs.severity!.enum).toEqual(Object.keys(SEVERITY_ORDER));
    const category = reportSchema.shape.results.element.shape.category;
    expect(category.options).toEqual([...CATEGORIES]);
  });
});

describe('the published report.v1.json, checked by another validator (ajv)', () => {
  it('accepts what zod accepts and refuses what it refuses', () => {
    expect(published(json())).toBe(true);
    expect(published(json(passingReport()))).toBe(true);
    const broken = [json(), json(), json(), json()];
    broken[0]!.results[1].verdict = 'failed';
    broken[1]!.properties[1].counterexample = null;
    broken[2]!.properties[1].distinctFailures[1].path = 'seventeen';
    broken[3]!.startedAt = 'yesterday';
    for (const b of broken) {
      expect(isReport(b)).toBe(false);
      expect(published(b)).toBe(false);
    }
  });
});

describe('a real run', () => {
  it('writes a report that reads back unchanged, which every writer renders', async () => {
    const config = await resolveConfig(
      {},
      {
        audience: 'https://orders.gauntlet.test',
        endpoints: ['GET /orders', 'GET /admin admin'],
        only: ['no-credentials', 'expired', 'sig-tampered', 'alg-none', 'wrong-issuer', 'scope-missing', 'typ-missing'],
        runs: 30,
        seed: 7,
        target: { kind: 'app', app: (env) => createReferenceApi({ ...env, introspection: undefined, steps: { checkExpiry: skip } }) },
      },
    );
    const scenarios = await scenariosFor(config.scenarioGlobs, config.baseDir, config.only, config.skip);
    const written = JSON.parse(JSON.stringify(await run(config, scenarios))) as unknown;
    const r = assertReport(written);
    expect(r).toEqual(written);
    // Written in the schema's order, read back and written again: the same file.
    const file = renderJson(r);
    expect(renderJson(assertReport(JSON.parse(file)))).toBe(file);
    expect(published(written)).toBe(true);
    expect(r.targetKind).toBe('app');
    expect(r.results.some((x) => x.verdict === 'fail' && x.severity === 'critical' && x.token)).toBe(true);
    expect(r.results.some((x) => x.verdict === 'pass')).toBe(true);
    expect(r.results.some((x) => x.verdict === 'skip')).toBe(true);
    expect(r.properties.some((p) => p.verdict === 'fail' && p.distinctFailures.length > 0)).toBe(true);
    for (const render of Object.values(renderers)) expect(render(r).length).toBeGreaterThan(100);
  });
});
