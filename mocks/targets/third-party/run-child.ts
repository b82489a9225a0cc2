/**
 * Run the default catalogue against a third-party validator started out of process (child.ts):
 * the IdP on a real port, endpoints `GET /orders` (no scope) and `GET /admin` (scope `admin`).
 */
import { resolveConfig, type UserConfig } from '../../../harness/config.ts';
import { run } from '../../../harness/run.ts';
import type { Report } from '../../../harness/report.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import type { Scenario } from '../../../scenarios/define.ts';
import { startChild } from './child.ts';

export const THIRD_PARTY_ENDPOINTS = ['GET /orders', 'GET /admin admin'];

export async function runAgainstChild(
  entry: string | URL,
  config: UserConfig = {},
  scenarios: readonly Scenario[] = catalogue,
  vars: Record<string, string> = {},
): Promise<Report> {
  const resolved = await resolveConfig(
    {
      target: { start: (env) => startChild(entry, env, vars) },
      endpoints: THIRD_PARTY_ENDPOINTS,
      audience: 'https://api.example.test',
      runs: 0,
      timeout: 3000,
      ...config,
    },
    {},
  );
  return run(resolved, scenarios);
}
