/**
 * For the scenario tests: run catalogue scenarios against the reference API, over a URL (real IdP and
 * API ports) or in process (msw), configured with the fixtures and the matching directory, optionally
 * with one step replaced by a flawed one. Judged with the strict RFC 6750 profile plus audit codes.
 */
import { resolveConfig, type UserConfig } from '../harness/config.ts';
import { scenariosFor } from '../harness/load-scenarios.ts';
import type { Report, ResultRow } from '../harness/report.ts';
import { run } from '../harness/run.ts';
import type { TargetEnv } from '../harness/core/target-env.ts';
import { createReferenceApi, startReferenceApi } from '../mocks/targets/reference/app.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY, referenceFor } from '../mocks/targets/reference/gauntlet.config.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { rfc6750, type Profile } from '../scenarios/profiles/index.ts';
import type { Scenario } from '../scenarios/define.ts';

export const ENDPOINTS = ['GET /orders', 'GET /admin admin'];

/** rfc6750, and the reference API must also name each fault with the scenario's the login audit trail audit code. */
export const AUDITED: Profile = { ...rfc6750, name: 'rfc6750+audit', useScenarioAuditCodes: true };

export interface ReferenceRun {
  mode?: 'url' | 'in-process';
  /** Overrides of the reference API's options: `steps` for a flawed variant, `introspection: undefined`... */
  reference?: Partial<ReferenceOptions>;
  /** Overrides of the gauntlet config. */
  config?: UserConfig;
  /** Scenarios to run instead of the catalogue's `ids` (a test's own). */
  scenarios?: Scenario[];
}

function referenceOptions(env: TargetEnv, overrides: Partial<ReferenceOptions>): ReferenceOptions {
  // Short IdP timeouts, so the stall variants cost little; the harness still allows 2 s.
  return referenceFor(env, { idpTimeoutMs: 400, ...overrides });
}

export async function runReference(ids: readonly string[], opts: ReferenceRun = {}): Promise<Report> {
  const overrides = opts.reference ?? {};
  const target: UserConfig['target'] =
    opts.mode === 'in-process'
      ? { app: (env) => createReferenceApi(referenceOptions(env, overrides)) }
      : { start: (env) => startReferenceApi(referenceOptions(env, overrides)) };
  const config = await resolveConfig(
    {},
    {
      target,
      audience: 'https://api.gauntlet.test',
      endpoints: ENDPOINTS,
      idp: { algs: ['ES256'] },
      fixtures: FIXTURES,
      clientIdHeader: CLIENT_ID_HEADER,
      profile: AUDITED,
      timeout: 2000,
      // Fixed scenarios only: the property cases have tests of their own.
      runs: 0,
      // The reference API's own policy, declared; a test overrides it (policy: {} declares nothing).
      policy: { ...REFERENCE_POLICY },
      ...opts.config,
    },
  );
  return run(config, opts.scenarios ?? (await scenariosFor([], process.cwd(), ids)));
}

/** `scenario endpoint verdict[ severity]` per row: one line says what a test expects. */
export function outcomes(report: Report): string[] {
  return report.results.map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}${r.severity ? ` ${r.severity}` : ''}`);
}

/** The failing rows, for a readable assertion message. */
export function failures(report: Report): string[] {
  return report.results
    .filter((r: ResultRow) => r.verdict !== 'pass' && r.verdict !== 'skip')
    .map((r) => `${r.scenario} ${r.endpoint}: ${r.failures.join('; ')}${r.error ?? ''}`);
}
