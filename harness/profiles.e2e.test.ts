import { describe, expect, it } from 'vitest';
import { createReferenceApi, startReferenceApi } from '../mocks/targets/reference/app.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY, referenceFor } from '../mocks/targets/reference/gauntlet.config.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { invalidToken } from '../mocks/targets/reference/rejection.ts';
import { referenceSteps, type Step } from '../mocks/targets/reference/steps.ts';
import { catalogue } from '../scenarios/catalogue.ts';
import { AUDIT_TRAIL_CODES } from '../scenarios/profiles/audit-codes.ts';
import { resolveConfig, type TargetSpec } from './config.ts';
import type { TargetEnv } from './core/target-env.ts';
import type { Report } from './report.ts';
import { run } from './run.ts';

const SLOW = 120_000;

/** The reference API as its gauntlet.config.ts starts it, with short IdP timeouts so the stall scenarios cost little. */
const reference = (env: TargetEnv, extra: Partial<ReferenceOptions> = {}): ReferenceOptions =>
  referenceFor(env, { idpTimeoutMs: 400, ...extra });

const TARGETS: Record<'url' | 'in-process', (extra?: Partial<ReferenceOptions>) => TargetSpec> = {
  url: (extra) => ({ start: (env) => startReferenceApi(reference(env, extra)) }),
  'in-process': (extra) => ({ app: (env) => createReferenceApi(reference(env, extra)) }),
};

async function runReference(profile: string, target: TargetSpec, only?: string[]): Promise<Report> {
  const config = await resolveConfig(
    {},
    {
      target,
      profile,
      audience: 'https://api.gauntlet.test',
      endpoints: ['GET /orders', 'GET /admin admin'],
      clientIdHeader: CLIENT_ID_HEADER,
      fixtures: FIXTURES,
      timeout: 2000,
      // As its gauntlet.config.ts declares it: held exactly to its own leeway and maximum lifetime.
      policy: { ...REFERENCE_POLICY },
    },
  );
  return run(config, only ? catalogue.filter((s) => only.includes(s.id)) : catalogue);
}

const notPassing = (report: Report): string[] =>
  report.results
    .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')
    .map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}: ${r.error ?? r.failures.join('; ')}`);

describe('the reference API under each strict profile', () => {
  for (const profile of ['rfc6750', 'audit-codes']) {
    it(
      `passes every catalogue scenario under ${profile}, over a URL and in process alike`,
      async () => {
        const overUrl = await runReference(profile, TARGETS.url());
        const inProcess = await runReference(profile, TARGETS['in-process']());
        expect(notPassing(overUrl)).toEqual([]);
        expect(notPassing(inProcess)).toEqual([]);
        const verdicts = (r: Report) => r.results.map((x) => `${x.scenario} ${x.endpoint} ${x.verdict}`);
        expect(verdicts(inProcess)).toEqual(verdicts(overUrl));
        expect(overUrl.profile).toBe(profile);
        expect(overUrl.summary.passed).toBeGreaterThanOrEqual(2 * 45);
        const audited = overUrl.results.filter((r) => r.verdict === 'pass' && r.expected.auditCode);
        if (profile === 'rfc6750') {
          expect(audited).toEqual([]);
        } else {
          // Each code is checked, and the API recorded one of the codes the table allows.
          for (const r of audited) expect(r.expected.auditCode).toContain(r.observed?.auditCode);
          expect(new Set(audited.map((r) => r.scenario))).toEqual(new Set(Object.values(AUDIT_TRAIL_CODES).flat()));
        }
      },
      SLOW,
    );
  }

  it('names only catalogue scenarios in the auditCodes table', () => {
    const ids = new Set(catalogue.map((s) => s.id));
    expect(
      Object.values(AUDIT_TRAIL_CODES)
        .flat()
        .filter((id) => !ids.has(id)),
    ).toEqual([]);
  });

  it('tells the profiles apart: an expired token recorded as TokenRejected fails auditCodes only, as minor', async () => {
    const vague: Step = (ctx) => (referenceSteps.checkExpiry(ctx) ? invalidToken('TokenRejected') : undefined);
    const target = TARGETS['in-process']({ steps: { checkExpiry: vague } });
    const strict = await runReference('rfc6750', target, ['expired']);
    const audited = await runReference('audit-codes', target, ['expired']);
    expect(notPassing(strict)).toEqual([]);
    expect(audited.results.map((r) => `${r.verdict} ${r.severity}: ${r.failures.join('; ')}`)).toEqual([
      'fail minor: expected audit code AccessTokenExpired or TokenExpired, got TokenRejected',
      'fail minor: expected audit code AccessTokenExpired or TokenExpired, got TokenRejected',
    ]);
  });
});
