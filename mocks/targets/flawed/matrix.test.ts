import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeySet } from '../../idp/keys.ts';
import type { Report } from '../../../harness/report.ts';
import { acceptEverything, flawedTargets, rejectEverything } from './index.ts';
import type { FlawedTarget } from './define.ts';
import {
  BINDING_SCENARIOS,
  DISCOVERY_SCENARIOS,
  DPOP_SCENARIOS,
  MTLS_SCENARIOS,
  NEGATIVE_SCENARIOS,
  STEP_UP_SCENARIOS,
} from './accept-everything.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { erroredRows, failingScenarios, INTROSPECTION_ANSWER_SCENARIOS, referenceTarget, runFlawed, skippedFor } from './run-flawed.ts';
import { comparable } from './normalize.ts';

const ALGS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const;

let dir: string;
let keysFile: string;
const write = process.stderr.write;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flawed-matrix-'));
  keysFile = join(dir, 'keys.json');
  // One key set for every run: loading is cheap, generating RSA keys per run is not, and concurrent
  // runs must not race to create the file.
  await KeySet.loadOrCreate(keysFile, ALGS, Math.floor(Date.now() / 1000));
  // crash-on-malformed really crashes, and the reference logs each crash's stack: expected, not news.
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    String(chunk).startsWith('reference API: ')
      ? true
      : (write as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest)) as typeof write;
});

afterAll(async () => {
  process.stderr.write = write;
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `id severity` of every failing scenario, sorted: one line per scenario makes a readable diff. */
function observed(report: Report): string[] {
  return [...failingScenarios(report)].map(([id, severity]) => `${id} ${severity}`).sort();
}

function declared(target: FlawedTarget): string[] {
  return [
    ...target.catches.map((id) => `${id} ${target.severityOf(id)}`),
    ...Object.entries(target.falseAlarms).map(([id, { severity }]) => `${id} ${severity}`),
  ].sort();
}

/** Scenarios for opaque tokens only: not applicable to the JWT runs. */
const OPAQUE_ONLY = catalogue.filter((s) => !(s.formats ?? ['jwt']).includes('jwt')).map((s) => s.id);
/** Scenarios that apply to opaque tokens (custom-location but for an API reading tokens from elsewhere than the Authorization header). */
const FOR_OPAQUE = catalogue.filter((s) => (s.formats ?? ['jwt']).includes('opaque') && s.id !== 'custom-location').map((s) => s.id);

const reference = (introspects: boolean): FlawedTarget => referenceTarget({ introspects });

// Each run has its own IdP and target on their own ports, so the runs overlap: the matrix stays fast.
describe.concurrent('the flawed-target matrix', () => {
  it('the reference target fails no scenario, introspecting, and gives the same report one unit at a time', async () => {
    const report = await runFlawed(reference(true), { keysFile });
    expect(report.stop).toBeNull();
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
    // multi-method, the scope scenarios on the endpoint without a scope, the DPoP ones on a Bearer API, RFC 9728 and 9470 undeclared, the opaque-only ones on a JWT API.
    expect(report.summary.skipped).toBe(
      6 + 2 * (BINDING_SCENARIOS.length + DISCOVERY_SCENARIOS.length + STEP_UP_SCENARIOS.length + OPAQUE_ONLY.length),
    );
    expect(report.results.find((r) => r.scenario === 'dpop-jti-replayed')?.skipReason).toMatch(
      /^not applicable: the API is not configured for DPoP/,
    );
    expect(comparable(report)).toEqual(comparable(await runFlawed(reference(true), { keysFile, concurrency: 1 })));
  }, 180_000);

  it('the reference target in DPoP mode (oauth4webapi, a server nonce) fails no scenario, the binding ones judged', async () => {
    const report = await runFlawed({ ...reference(true), dpop: true }, { keysFile });
    expect(report.stop).toBeNull();
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
    const binding = report.results.filter((r) => DPOP_SCENARIOS.includes(r.scenario));
    expect(binding.length).toBe(2 * DPOP_SCENARIOS.length);
    expect(binding.every((r) => r.verdict === 'pass')).toBe(true);
    expect(report.summary.skipped).toBe(
      6 + 2 * (DISCOVERY_SCENARIOS.length + MTLS_SCENARIOS.length + STEP_UP_SCENARIOS.length + OPAQUE_ONLY.length),
    );
  }, 180_000);

  for (const response of ['json', 'jwt'] as const) {
    it(`the reference target taking opaque tokens (introspection only, ${response} answers) fails no scenario, the JWT-only ones not applicable`, async () => {
      const report = await runFlawed({ ...reference(true), opaque: response }, { keysFile });
      expect(report.stop).toBeNull();
      expect(erroredRows(report)).toEqual([]);
      expect(observed(report)).toEqual([]);
      const judged = [...new Set(report.results.filter((r) => r.verdict !== 'skip').map((r) => r.scenario))].sort();
      expect(judged).toEqual([...FOR_OPAQUE].sort());
      expect(report.results.find((r) => r.scenario === 'alg-none')?.skipReason).toMatch(/^not applicable: the API takes opaque tokens/);
    }, 180_000);
  }

  it('the reference target over mutual TLS (certificate-bound tokens) fails no scenario, the mTLS ones judged', async () => {
    const report = await runFlawed({ ...reference(true), mtls: true }, { keysFile });
    expect(report.stop).toBeNull();
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
    expect(MTLS_SCENARIOS).toHaveLength(4);
    const mtls = report.results.filter((r) => MTLS_SCENARIOS.includes(r.scenario));
    expect(mtls.map((r) => r.verdict)).toEqual(Array(2 * MTLS_SCENARIOS.length).fill('pass'));
    expect(report.summary.skipped).toBe(
      6 + 2 * (DISCOVERY_SCENARIOS.length + DPOP_SCENARIOS.length + STEP_UP_SCENARIOS.length + OPAQUE_ONLY.length),
    );
  }, 180_000);

  it('the reference target publishing RFC 9728 metadata fails no scenario, the discovery ones judged', async () => {
    const report = await runFlawed({ ...reference(true), resource: true }, { keysFile });
    expect(report.stop).toBeNull();
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
    const discovery = report.results.filter((r) => DISCOVERY_SCENARIOS.includes(r.scenario));
    expect(discovery.map((r) => r.verdict)).toEqual(Array(2 * DISCOVERY_SCENARIOS.length).fill('pass'));
    expect(report.summary.skipped).toBe(6 + 2 * (BINDING_SCENARIOS.length + STEP_UP_SCENARIOS.length + OPAQUE_ONLY.length));
  });

  it('the reference target with a step-up endpoint (RFC 9470) fails no scenario, the step-up ones judged there', async () => {
    const report = await runFlawed({ ...reference(true), stepUp: true }, { keysFile });
    expect(report.stop).toBeNull();
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
    const stepUp = report.results.filter((r) => STEP_UP_SCENARIOS.includes(r.scenario));
    expect(stepUp.map((r) => `${r.endpoint} ${r.verdict}`)).toEqual(
      STEP_UP_SCENARIOS.flatMap(() => ['GET /orders skip', 'GET /admin pass']),
    );
    expect(stepUp.find((r) => r.scenario === 'acr-insufficient' && r.verdict === 'skip')?.skipReason).toMatch(
      /^not applicable: the endpoint requires no acr/,
    );
    expect(report.summary.skipped).toBe(
      6 + 2 * (BINDING_SCENARIOS.length + DISCOVERY_SCENARIOS.length + OPAQUE_ONLY.length) + STEP_UP_SCENARIOS.length,
    );
  }, 180_000);

  it('the reference target fails no scenario without introspection, declared stateless: revoked and introspection-down not applicable', async () => {
    const target = reference(false);
    const report = await runFlawed(target, { keysFile });
    expect(skippedFor(target)).toEqual(['revoked', 'introspection-down']);
    const revocation = report.results.filter((r) => r.scenario === 'revoked' || r.scenario === 'introspection-down');
    expect(revocation.map((r) => r.verdict)).toEqual(['skip', 'skip', 'skip', 'skip']);
    for (const r of revocation)
      expect(r.skipReason).toMatch(
        /^not applicable: declared stateless \(--revocation none\): .*a revoked token stays valid until exp; observed maximum lifetime 7200 s/,
      );
    expect(erroredRows(report)).toEqual([]);
    expect(observed(report)).toEqual([]);
  });

  for (const target of flawedTargets) {
    it(`${target.name} fails exactly the scenarios it declares, with their severities, the same report one unit at a time`, async () => {
      const report = await runFlawed(target, { keysFile });
      expect(report.stop).toBeNull();
      expect(erroredRows(report)).toEqual([]);
      expect(report.summary.failed).toBeGreaterThan(0);
      expect(observed(report)).toEqual(declared(target));
      // Scenarios side by side (the default) and one at a time (--concurrency 1): the same report, for every target.
      expect(comparable(report)).toEqual(comparable(await runFlawed(target, { keysFile, concurrency: 1 })));
    }, 180_000);
  }

  it('accept-everything fails every scenario a correct API must refuse, each graded by what its acceptance means', async () => {
    const report = await runFlawed(acceptEverything, { keysFile });
    expect(erroredRows(report)).toEqual([]);
    expect(skippedFor(acceptEverything)).toEqual([]);
    expect(NEGATIVE_SCENARIOS.length).toBeGreaterThan(40);
    // It never asks the IdP, so what introspection answers cannot touch it: not applicable, revoked says what it costs.
    const judged = NEGATIVE_SCENARIOS.filter((id) => !(INTROSPECTION_ANSWER_SCENARIOS as readonly string[]).includes(id));
    expect(observed(report)).toEqual(judged.map((id) => `${id} ${acceptEverything.severityOf(id)}`).sort());
    expect(report.results.filter((r) => r.scenario === 'introspection-down').map((r) => r.verdict)).toEqual(['skip', 'skip']);
    expect(report.results.find((r) => r.scenario === 'introspection-down')?.skipReason).toMatch(
      /^not applicable: the API was not seen asking the IdP's introspection endpoint/,
    );
    // A valid token through a forbidden channel is major; a forged, expired or foreign one critical.
    expect(acceptEverything.severityOf('query-token')).toBe('major');
    expect(acceptEverything.severityOf('alg-none')).toBe('critical');
  });

  it('reject-everything stops at the baseline: only the forgeries that need no accepted baseline are judged, and pass', async () => {
    const report = await runFlawed(rejectEverything, { keysFile });
    expect(report.baseline.accepted).toBe(false);
    expect(report.partial).toBe(true);
    expect(report.stop).toMatchObject({
      cause: 'baseline-refused',
      message: expect.stringMatching(/^baseline rejected: GET \/orders answered 401 .*audience https:\/\/api\.gauntlet\.test/),
    });
    const judged = [...new Set(report.results.map((r) => r.scenario))].sort();
    expect(judged).toEqual(
      catalogue
        .filter((s) => s.withoutBaseline)
        .map((s) => s.id)
        .sort(),
    );
    expect(report.summary.failed).toBe(0);
  });
});

describe('the flawed-target registry', () => {
  it('names each target after its file, once', () => {
    const names = [...flawedTargets, acceptEverything, rejectEverything].map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares only scenario ids of the catalogue', () => {
    const ids = new Set(catalogue.map((s) => s.id));
    const unknown = flawedTargets.flatMap((t) =>
      [...t.catches, ...Object.keys(t.falseAlarms)].filter((id) => !ids.has(id)).map((id) => `${t.name}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });
});
