/** Part 4b: whole gauntlet runs against the reference API, in this process (as `gauntlet run` does). */
import { resolveConfig, type UserConfig } from '../harness/config.ts';
import { scenariosFor } from '../harness/load-scenarios.ts';
import { run } from '../harness/run.ts';
import { startReferenceApi } from '../mocks/targets/reference/app.ts';

export interface WholeRunResult {
  scenarios: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  propertyCases: number;
  properties: number;
  propertyMs: number;
}

export async function wholeRun(): Promise<WholeRunResult> {
  const scenarios = await scenariosFor([], process.cwd());
  const reference: UserConfig = {
    target: { start: (env) => startReferenceApi({ ...env, introspection: env.introspection }) },
    endpoints: ['GET /orders', 'GET /admin admin'],
  };
  const config = await resolveConfig({}, { ...reference, runs: 0 });
  const t0 = performance.now();
  const report = await run(config, scenarios);
  const ms = performance.now() - t0;
  // The same target with property cases only: the cost of --runs.
  const withProps = await resolveConfig({}, { ...reference, runs: 1000, seed: 1 });
  const t1 = performance.now();
  const propReport = await run(withProps, []);
  const propertyMs = performance.now() - t1;
  const s = report.summary;
  return {
    scenarios: scenarios.length,
    total: s.total,
    passed: s.passed,
    failed: s.failed,
    skipped: s.skipped,
    ms,
    propertyCases: propReport.properties.reduce((n, p) => n + p.runs, 0),
    properties: propReport.properties.length,
    propertyMs,
  };
}
