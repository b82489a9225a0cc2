import { describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../harness/config.ts';
import type { Report, ResultRow } from '../../harness/report.ts';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import { referenceSteps, type Step, type Steps } from '../../mocks/targets/reference/steps.ts';
import { rfc6750 } from '../profiles/rfc6750.ts';
import { resolveExpectation, type Profile } from '../profiles/profile.ts';
import { EXHAUSTION_IDS, notPassing, referenceApi, runScenarios, serve } from '../../test-support/run-presence.ts';
import manyDots from './many-dots.ts';
import oversized from './oversized.ts';

/** The reference behind a server that takes 1 MB of headers, so the flawed step is what answers. */
const roomy = (steps: Partial<Steps>): TargetSpec => ({ start: (env) => serve(referenceApi(env, { steps }), { maxHeaderSize: 1 << 20 }) });

const one = (report: Report, scenario: string): ResultRow => {
  const rows = report.results.filter((r) => r.scenario === scenario);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

const ORDERS_ONLY = { endpoints: ['GET /orders'] };

describe('the exhaustion scenarios', () => {
  it('pass on the reference API, whose HTTP server refuses both fast with 431', async () => {
    const report = await runScenarios({ app: (env) => referenceApi(env) }, EXHAUSTION_IDS, ORDERS_ONLY);
    expect(notPassing(report)).toEqual([]);
    for (const row of report.results) {
      expect(row.observed?.status).toBe(431);
      expect(row.observed!.durationMs).toBeLessThan(2000);
    }
  });

  it('narrow REJECT to their statuses, leave other classes alone, and let a profile still decide', () => {
    expect(resolveExpectation(rfc6750, manyDots, 'REJECT').status).toEqual([400, 401, 413, 414, 431]);
    expect(resolveExpectation(rfc6750, oversized, 'IT').status).toEqual([401]);
    const custom: Profile = { ...rfc6750, byScenario: { oversized: { status: ['4xx'] } } };
    expect(resolveExpectation(custom, oversized, 'REJECT').status).toEqual(['4xx']);
  });

  it('fail many-dots as major when splitting the dots crashes the API into a 500', async () => {
    const crashing: Step = (ctx) => {
      const [h = '', p = ''] = (ctx.token ?? '').split('.');
      ctx.header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
      ctx.claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    };
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const row = one(await runScenarios(roomy({ parseToken: crashing }), ['many-dots'], ORDERS_ONLY), 'many-dots');
      expect(row).toMatchObject({ verdict: 'fail', severity: 'major', failures: ['expected 400 or 401 or 413 or 414 or 431, got 500'] });
    } finally {
      process.stderr.write = stderr;
    }
  });

  it('fail many-dots as major when the API takes more than 2 s to refuse it', async () => {
    const slow: Step = async (ctx) => {
      if ((ctx.request.authorization?.length ?? 0) > 65_536) await new Promise((r) => setTimeout(r, 2100));
      return referenceSteps.extractCredential(ctx);
    };
    const row = one(await runScenarios(roomy({ extractCredential: slow }), ['many-dots'], ORDERS_ONLY), 'many-dots');
    expect(row).toMatchObject({ verdict: 'fail', severity: 'major', observed: { status: 401 } });
    expect(row.failures).toEqual([
      expect.stringMatching(/^answered after 2\d{3} ms; refuse oversized credentials within 2000 ms, before parsing them$/),
    ]);
  });

  it('fail oversized as major when the API parses any depth and size and accepts the signed token (valid, but far too big)', async () => {
    const unbounded: Step = (ctx) => {
      const [h = '', p = ''] = (ctx.token ?? '').split('.');
      try {
        ctx.header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
        ctx.claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
      } catch {
        return invalidToken('TokenRejected');
      }
    };
    const row = one(await runScenarios(roomy({ parseToken: unbounded }), ['oversized'], ORDERS_ONLY), 'oversized');
    expect(row).toMatchObject({
      verdict: 'fail',
      severity: 'major',
      failures: [
        'accepted a 64 KB+ token (correctly signed, but far beyond any sane size): expected 400 or 401 or 413 or 414 or 431, got 200',
      ],
    });
    // The report names the size of such a token instead of copying 64 KB+ into every format.
    const bytes = Number(/\((\d+) bytes\)$/.exec(row.token?.value ?? '')?.[1]);
    expect(bytes).toBeGreaterThan(64 * 1024);
  });
});
