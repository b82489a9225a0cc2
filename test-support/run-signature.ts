/**
 * Test support for the signature and algorithm tests: run their scenarios against the reference API
 * (in process or over a URL) or a flawed variant of it, and the key plumbing flawed variants share.
 */
import { importJWK, type JWK } from 'jose';
import { resolveConfig, type UserConfig } from '../harness/config.ts';
import type { Report } from '../harness/report.ts';
import { run } from '../harness/run.ts';
import { createReferenceApi, startReferenceApi } from '../mocks/targets/reference/app.ts';
import { certificateValidity } from '../mocks/targets/reference/certificate.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { invalidToken } from '../mocks/targets/reference/rejection.ts';
import type { StepContext, StepResult } from '../mocks/targets/reference/steps.ts';
import { byCategory } from '../scenarios/catalogue.generated.ts';
import type { Scenario } from '../scenarios/define.ts';

/** Both categories: a flaw must fail the scenario that targets it and no other. */
export const KEY_AND_ALG_SCENARIOS: readonly Scenario[] = [...byCategory.signature, ...byCategory.algorithm];

const COMMON: UserConfig = { runs: 0, audience: 'https://orders.gauntlet.test', endpoints: ['GET /orders', 'GET /admin admin'] };

/** Reference options per run; a factory because flawed steps may keep state (a key cache) per API. */
export type Variant = () => Partial<ReferenceOptions>;

const reference: Variant = () => ({});

/**
 * The reference API with some steps replaced. It validates locally only: the IdP's introspection
 * would call every forged token inactive (RFC 7662) and hide the flaw.
 */
export function flawed(steps: () => ReferenceOptions['steps'], extra: Partial<ReferenceOptions> = {}): Variant {
  return () => ({ ...extra, introspection: undefined, steps: steps() });
}

function select(ids?: readonly string[]): Scenario[] {
  return ids ? KEY_AND_ALG_SCENARIOS.filter((s) => ids.includes(s.id)) : [...KEY_AND_ALG_SCENARIOS];
}

export async function runInProcess(variant: Variant = reference, flags: UserConfig = {}, ids?: readonly string[]): Promise<Report> {
  const config = await resolveConfig(
    {},
    { ...COMMON, ...flags, only: ids ? [...ids] : undefined, target: { app: (env) => createReferenceApi({ ...env, ...variant() }) } },
  );
  return run(config, select(ids));
}

export async function runOverUrl(variant: Variant = reference, flags: UserConfig = {}, ids?: readonly string[]): Promise<Report> {
  const config = await resolveConfig(
    {},
    { ...COMMON, ...flags, only: ids ? [...ids] : undefined, target: { start: (env) => startReferenceApi({ ...env, ...variant() }) } },
  );
  return run(config, select(ids));
}

/** `scenario endpoint severity` for every failing row, sorted: the shape the tests compare. */
export function failures(report: Report): string[] {
  return report.results
    .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')
    .map((r) => `${r.scenario} ${r.endpoint} ${r.verdict === 'fail' ? r.severity : r.verdict}`)
    .sort();
}

/** The same scenario failing on both endpoints with one severity. */
export function onBothEndpoints(id: string, severity: string): string[] {
  return [`${id} GET /admin ${severity}`, `${id} GET /orders ${severity}`];
}

export async function fetchJwks(url: string): Promise<JWK[]> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await response.json()) as { keys?: JWK[] };
  return body.keys ?? [];
}

/**
 * The reference's checks on a key (kid present, key found, alg bound to the JWK, certificate valid)
 * over a key a flawed variant found its own way, so a variant differs in where keys come from only.
 */
export async function useJwk(ctx: StepContext, jwk: JWK | undefined): Promise<StepResult> {
  const kid = ctx.header?.kid;
  if (typeof kid !== 'string' || kid === '') return invalidToken('MissingKeyId');
  if (!jwk) return invalidToken('MissingKey');
  if (jwk.alg !== ctx.header?.alg) return invalidToken('UnsupportedAlgo');
  const x5c = jwk.x5c?.[0];
  const validity = x5c === undefined ? undefined : certificateValidity(x5c);
  if (validity === null || (validity && (ctx.now < validity.notBefore || ctx.now > validity.notAfter)))
    return invalidToken('InvalidSignature');
  ctx.key = (await importJWK(jwk, jwk.alg)) as CryptoKey;
}
