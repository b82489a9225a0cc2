import { beforeAll, describe, expect, it } from 'vitest';
import { startReferenceApi, type RunningReferenceApi } from '../../mocks/targets/reference/app.ts';
import type { ReferenceOptions } from '../../mocks/targets/reference/options.ts';
import { REFERENCE_POLICY } from '../../mocks/targets/reference/gauntlet.config.ts';
import { loadConfigFile, resolveConfig, type ResolvedConfig } from '../config.ts';
import { openIdpSession } from '../idp-session.ts';
import { scenariosFor } from '../load-scenarios.ts';
import type { PropertyCounterexample, PropertyResult, Report } from '../report.ts';
import { openTarget, run } from '../run.ts';
import { startExpLeewayOffByOne } from './fixtures/exp-leeway-off-by-one.ts';
import { startExpNumericString } from './fixtures/exp-numeric-string.ts';
import { startIatNumericString } from './fixtures/iat-numeric-string.ts';
import { runProperties, type CaseEvent } from './run-properties.ts';

const ENDPOINTS = ['GET /orders', 'GET /admin admin'];
const SEED = 1;
const RUNS = 300;

type Start = (options: ReferenceOptions) => Promise<RunningReferenceApi>;

/**
 * A target that validates locally only: introspection would call an expired token inactive at the IdP
 * (RFC 7662) and hide an exp flaw behind a TokenBlocked answer, so the twins run without it.
 */
async function configFor(start: Start, runs: number, seed = SEED): Promise<ResolvedConfig> {
  // The policy the reference (and so each twin) declares: the off-by-one is one second past a declared leeway.
  const policy = { leeway: REFERENCE_POLICY.leeway, maxLifetime: REFERENCE_POLICY.maxLifetime };
  return resolveConfig({}, { target: { start: (env) => start({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience }) }, endpoints: ENDPOINTS, runs, seed, policy });
}

async function gauntlet(start: Start): Promise<Report> {
  const config = await configFor(start, RUNS);
  return run(config, await scenariosFor([], process.cwd()));
}

const failingFixed = (r: Report) => r.results.filter((x) => x.verdict === 'fail').map((x) => `${x.scenario} ${x.endpoint}`).sort();
const failingProps = (r: Report) => r.properties.filter((p) => p.verdict !== 'pass');
const ce = (p: PropertyResult): PropertyCounterexample => {
  if (p.verdict !== 'fail') throw new Error(`property ${p.property} did not fail`);
  return p.counterexample;
};

describe('properties against the reference target', () => {
  it('passes 1,000 property cases per endpoint with the npm start configuration', async () => {
    const file = await loadConfigFile('mocks/targets/reference/gauntlet.config.ts');
    const config = await resolveConfig(file.config, { runs: 1000, seed: 20_240_601 });
    const started = performance.now();
    const report = await run(config, []);
    const seconds = (performance.now() - started) / 1000;
    expect(failingProps(report).map((p) => `${p.property} ${p.endpoint}: ${p.failures.join('; ')}`)).toEqual([]);
    for (const endpoint of ['GET /orders', 'GET /admin']) {
      expect(report.properties.filter((p) => p.endpoint === endpoint).reduce((n, p) => n + p.runs, 0)).toBe(1000);
    }
    expect(report.seed).toBe(20_240_601);
    expect(seconds).toBeLessThan(60);
  }, 120_000);

  it('with a declared allowlist, signs with every loaded key and expects those outside the list refused', async () => {
    const allowed = ['RS256', 'ES256'] as const;
    const seen = new Set<string>();
    const config = await resolveConfig(
      {},
      {
        target: { start: (env) => startReferenceApi({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience, algorithms: [...allowed] }) },
        endpoints: ['GET /orders'],
        policy: { algorithms: [...allowed] },
        runs: 300,
        seed: 5,
      },
    );
    const session = await openIdpSession(config, false);
    const target = await openTarget(config, session.env);
    try {
      const results = await runProperties(config, session, target, {
        progress: null,
        onCase: (e) => {
          for (const m of e.mutations) if (m.kind === 'header' && m.variant.startsWith('key:')) seen.add(`${m.variant} ${e.expected.join('|')}`);
        },
      });
      expect(results.filter((p) => p.verdict !== 'pass').map((p) => p.failures[0])).toEqual([]);
    } finally {
      await target.close();
      await session.close();
    }
    expect(seen).toContain('key:ES256 OK');
    expect([...seen].filter((s) => s.startsWith('key:PS256') || s.startsWith('key:EdDSA')).every((s) => s.endsWith(' IT'))).toBe(true);
    expect([...seen].some((s) => s.startsWith('key:PS256') || s.startsWith('key:EdDSA'))).toBe(true);
  }, 60_000);
});

describe('two subtle flaws the fixed catalogue misses and the properties catch', () => {
  const reports: Record<'twin' | 'leeway' | 'iat' | 'exp', Report> = {} as never;

  beforeAll(async () => {
    const [twin, leeway, iat, exp] = await Promise.all([gauntlet(startReferenceApi), gauntlet(startExpLeewayOffByOne), gauntlet(startIatNumericString), gauntlet(startExpNumericString)]);
    Object.assign(reports, { twin, leeway, iat, exp });
  }, 240_000);

  it('lets the reference twin pass every property', () => {
    expect(failingProps(reports.twin).map((p) => p.failures[0])).toEqual([]);
  });

  it('catches exp accepted one second past the leeway, shrunk to exp = now − leeway, with what it takes to reproduce it', () => {
    expect(failingFixed(reports.leeway)).toEqual(failingFixed(reports.twin));
    const failing = failingProps(reports.leeway);
    expect(failing.length).toBeGreaterThan(0);
    for (const p of failing) {
      expect(p.verdict).toBe('fail');
      expect(ce(p).mutations).toEqual([{ kind: 'time', claim: 'exp', from: 'leeway', offset: 0 }]);
    }
    const p = failing[0]!;
    const c = ce(p);
    expect(typeof p.seed).toBe('number');
    expect(p.path).toMatch(/^\d+(:\d+)*$/);
    expect(c.severity).toBe('critical');
    expect(c.observed?.status).toBe(200);
    expect(c.expected.classes).toEqual(['IT']);
    expect(c.header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect((c.claims.exp as number) + 60).toBe(c.claims.iat);
    expect(p.reproduce).toMatch(/^curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/(orders|admin)' -H 'authorization: Bearer ey/);
    expect(p.failures[0]).toBe('exp = now − leeway + 0 s: expected invalid_token, got 200 (accepted)');
  });

  it('catches iat given as a numeric string, shrunk to that one claim', () => {
    // The fixed date-types scenario finds an iat given as a string too; the property finds it shrunk to that one claim.
    expect(failingFixed(reports.iat)).toEqual([...new Set([...failingFixed(reports.twin), 'date-types GET /admin', 'date-types GET /orders'])].sort());
    const failing = failingProps(reports.iat);
    expect(failing.length).toBeGreaterThan(0);
    for (const p of failing) expect(ce(p).mutations).toEqual([{ kind: 'claim', claim: 'iat', shape: 'numeric-string' }]);
    expect(typeof ce(failing[0]!).claims.iat).toBe('string');
  });

  it('catches exp given as a numeric string too, which the fixed exp-type scenario also finds', () => {
    expect(failingFixed(reports.exp)).toEqual([...new Set([...failingFixed(reports.twin), 'exp-type GET /admin', 'exp-type GET /orders'])].sort());
    const failing = failingProps(reports.exp);
    expect(failing.length).toBeGreaterThan(0);
    for (const p of failing) expect(ce(p).mutations).toEqual([{ kind: 'claim', claim: 'exp', shape: 'numeric-string' }]);
  });
});

describe('a seeded property run', () => {
  async function casesOf(seed: number): Promise<{ cases: Map<string, string[]>; results: PropertyResult[] }> {
    const config = await configFor(startExpLeewayOffByOne, 200, seed);
    const session = await openIdpSession(config, false);
    const target = await openTarget(config, session.env);
    const cases = new Map<string, string[]>();
    const record = (e: CaseEvent) => {
      const key = `${e.property} ${e.endpoint}`;
      cases.set(key, [...(cases.get(key) ?? []), `${e.phase} ${JSON.stringify(e.mutations)} ${e.pass} ${e.expected.join('|')}`]);
    };
    try {
      const results = await runProperties(config, session, target, { onCase: record, progress: null });
      return { cases, results };
    } finally {
      await target.close();
      await session.close();
    }
  }

  it('sends the same cases and reaches the same verdicts and counterexamples for the same seed', async () => {
    const [a, b, other] = await Promise.all([casesOf(77), casesOf(77), casesOf(78)]);
    expect([...b.cases.entries()].sort()).toEqual([...a.cases.entries()].sort());
    const verdicts = (r: PropertyResult[]) => r.map((p) => [p.property, p.endpoint, p.seed, p.verdict, p.path, p.counterexample && ce(p).mutations]);
    expect(verdicts(b.results)).toEqual(verdicts(a.results));
    expect(a.results.some((p) => p.verdict === 'fail')).toBe(true);
    expect([...other.cases.entries()].sort()).not.toEqual([...a.cases.entries()].sort());
  }, 120_000);
});
