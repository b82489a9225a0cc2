/**
 * `token-gauntlet/vitest`: run the gauntlet inside your own vitest suite. One vitest test per
 * scenario × endpoint, failing with the report's sentences; the full run happens once in beforeAll.
 *
 *   import { gauntlet } from 'token-gauntlet/vitest';
 *   import audEmpty from './auth-scenarios/aud-empty.ts';
 *   gauntlet({ target: { app: (env) => createApp(env) }, endpoints: ['GET /orders'] }, { scenarios: [audEmpty] });
 *
 * Tests are declared when the file is collected, before anything async can run, so your own
 * scenarios come as imported modules (`scenarios`), not as the config's globs.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { catalogue } from '../scenarios/catalogue.ts';
import { DEFAULT_RUNS, resolveConfig, type UserConfig } from './config.ts';
import { parseEndpoint } from './endpoint.ts';
import { endpointLabel } from './core/endpoint.ts';
import { selectScenarios } from './load-scenarios.ts';
import { propertyFailures, type Report } from './report.ts';
import { run } from './run.ts';
import type { Scenario } from '../scenarios/define.ts';
import { writeReports } from '../reports/index.ts';

export interface GauntletSuiteOptions {
  /** Write report files as `gauntlet run` does (default: no files). */
  writeReports?: boolean;
  /** Your own scenarios (imported modules' default exports), run after the catalogue's. */
  scenarios?: readonly Scenario[];
}

export function gauntlet(config: UserConfig, options: GauntletSuiteOptions = {}): void {
  if (config.scenarios?.length) {
    throw new TypeError(
      'token-gauntlet/vitest: import your scenario modules and pass them as gauntlet(config, { scenarios: [...] }); config.scenarios globs work with "gauntlet run" only',
    );
  }
  const own = options.scenarios ?? [];
  const clash = own.find((s) => catalogue.some((c) => c.id === s.id));
  if (clash) throw new TypeError(`token-gauntlet/vitest: scenario id "${clash.id}" is already in the catalogue; give yours another id`);
  const scenarios = selectScenarios([...catalogue, ...own], config.only, config.skip);
  const endpoints = (config.endpoints ?? []).map((e) => (typeof e === 'string' ? parseEndpoint(e) : e));
  let report: Report | undefined;
  let failure: unknown;
  describe('token-gauntlet', () => {
    beforeAll(async () => {
      try {
        const resolved = await resolveConfig({}, config);
        report = await run(resolved, scenarios);
        if (options.writeReports) writeReports(report, resolved.out, resolved.formats);
      } catch (err) {
        failure = err;
      }
    }, 300_000);
    afterAll(() => {
      report = undefined;
    });
    for (const scenario of scenarios) {
      for (const endpoint of endpoints) {
        const label = endpointLabel({ method: endpoint.method.toUpperCase(), path: endpoint.path, scopes: [] });
        it(`${scenario.id} on ${label}: ${scenario.title}`, (ctx) => {
          if (failure) throw failure;
          const row = report?.results.find((r) => r.scenario === scenario.id && r.endpoint === label);
          if (!row) throw new Error(report?.stop ? `not judged: ${report.stop.message}` : `no result for ${scenario.id} on ${label}`);
          if (row.verdict === 'skip') return ctx.skip();
          Object.assign(ctx.task.meta, { gauntlet: row });
          if (row.verdict !== 'pass') {
            throw new Error(
              `${row.severity ?? row.verdict}: ${[...row.failures, row.error ?? ''].filter(Boolean).join('; ')}\nReproduce with: ${row.reproduce}\nFix: ${row.resolution}`,
            );
          }
        });
      }
    }
    // Property cases have no fixed names before they run: one test holds them all, failing with each counterexample.
    if ((config.runs ?? DEFAULT_RUNS) > 0) {
      it('property cases on every endpoint', () => {
        if (failure) throw failure;
        const failed = (report?.properties ?? []).filter((p) => p.verdict !== 'pass');
        if (failed.length) {
          const lines = failed.flatMap((p) => {
            const listed = p.verdict === 'fail' ? propertyFailures(p) : [];
            if (!listed.length)
              return [
                `${p.property} on ${p.endpoint} (seed ${p.seed}, path ${p.path ?? '-'}): ${p.failures.join('; ')}${p.reproduce ? `\nReproduce with: ${p.reproduce}` : ''}`,
              ];
            return listed.map(
              (f) =>
                `${p.property} on ${p.endpoint} [${f.severity}] (seed ${p.seed}, path ${f.path}): ${f.failures.join('; ')}${f.reproduce ? `\nReproduce with: ${f.reproduce}` : ''}`,
            );
          });
          throw new Error(lines.join('\n'));
        }
      });
    }
  });
}
