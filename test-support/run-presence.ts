/**
 * Test support for the presence and exhaustion scenarios: run some of them through the real engine
 * against the reference API (or a flawed variant of it), in process or over a URL.
 */
import type { RequestListener, ServerOptions } from 'node:http';
import { resolveConfig, type TargetSpec, type UserConfig } from '../harness/config.ts';
import type { TargetEnv } from '../harness/core/target-env.ts';
import type { Report } from '../harness/report.ts';
import { run } from '../harness/run.ts';
import { serveOnLoopback, type Listening } from '../mocks/targets/loopback.ts';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { DEFAULT_ENDPOINTS, type ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { catalogue } from '../scenarios/catalogue.ts';

export const PRESENCE_IDS = [
  'wrong-scheme',
  'scheme-case',
  'empty-token',
  'whitespace-altered',
  'malformed',
  'duplicate-claims',
  'multi-method',
  'query-token',
  'custom-location',
  'leaky-error',
];
export const EXHAUSTION_IDS = ['many-dots', 'oversized'];

/** A POST endpoint too, so the form-body variant of multi-method is sent. */
export const ENDPOINTS = ['GET /orders', 'GET /admin admin', 'POST /orders'];

export function referenceApi(env: TargetEnv, extra: Partial<ReferenceOptions> = {}): RequestListener {
  return createReferenceApi({
    issuer: env.issuer,
    jwksUri: env.jwksUri,
    audience: env.audience,
    endpoints: [...DEFAULT_ENDPOINTS, { method: 'POST', path: '/orders', scopes: [] }],
    ...extra,
  });
}

/** Serve a handler on 127.0.0.1, port 0, with node:http options (header size, parser leniency). */
export function serve(handler: RequestListener, options: ServerOptions = {}): Promise<Listening> {
  return serveOnLoopback(handler, options);
}

export async function runScenarios(target: TargetSpec, ids: readonly string[], extra: UserConfig = {}): Promise<Report> {
  const scenarios = catalogue.filter((s) => ids.includes(s.id));
  if (scenarios.length !== ids.length)
    throw new Error(`not in the catalogue: ${ids.filter((id) => !scenarios.some((s) => s.id === id)).join(', ')}`);
  return run(
    await resolveConfig({}, { audience: 'https://orders.gauntlet.test', endpoints: ENDPOINTS, runs: 0, ...extra, target }),
    scenarios,
  );
}

/** `scenario endpoint verdict` per row, for comparing runs. */
export const verdicts = (report: Report): string[] => report.results.map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}`);

/** Rows that did not pass, with why, so a failing expectation says what went wrong. */
export const notPassing = (report: Report): string[] =>
  report.results
    .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')
    .map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}: ${r.error ?? r.failures.join('; ')}`);
