import { describe, expect, it } from 'vitest';
import type { DirectoryOptions } from '../../mocks/targets/reference/options.ts';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import { referenceSteps, skip, type Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../../test-support/run-reference.ts';

const IDS = [
  'issuer-lookalike',
  'audience-array',
  'unknown-client',
  'blocked-client',
  'client-mismatch',
  'subject-disabled',
  'feature-disabled',
  'grant-not-allowed',
];

/** Every id passes on both endpoints, except `failing`, which fails on both with `severity`. */
function expected(failing: string, severity: 'critical' | 'major' | 'minor'): string[] {
  return IDS.flatMap((id) =>
    ['GET /orders', 'GET /admin'].map((e) => (id === failing ? `${id} ${e} fail ${severity}` : `${id} ${e} pass`)),
  );
}

/** The reference directory step, run against a directory with one of its records changed. */
function directoryWith(change: (d: DirectoryOptions) => DirectoryOptions): Step {
  return (ctx) => referenceSteps.checkDirectory({ ...ctx, options: { ...ctx.options, directory: change(ctx.options.directory ?? {}) } });
}

const registered = (d: DirectoryOptions, clientId: string): string[] => [...((d.clients as string[] | undefined) ?? []), clientId];

describe('the identity scenarios against the reference API', () => {
  it('pass over a URL, audit codes included', async () => {
    const report = await runReference(IDS);
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(IDS.flatMap((id) => [`${id} GET /orders pass`, `${id} GET /admin pass`]));
  });

  it('pass in process', async () => {
    const report = await runReference(IDS, { mode: 'in-process' });
    expect(failures(report)).toEqual([]);
    expect(report.summary).toMatchObject({ passed: 2 * IDS.length, failed: 0, skipped: 0 });
  });

  it('skip with a reason naming the config key when fixtures and the client id header are unset', async () => {
    const ids = ['unknown-client', 'blocked-client', 'client-mismatch', 'subject-disabled', 'feature-disabled', 'grant-not-allowed'];
    const report = await runReference(ids, {
      config: { fixtures: {}, clientIdHeader: undefined },
      reference: { clientIdHeader: undefined },
    });
    expect(
      report.results.map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}: ${r.skipReason}`).filter((l) => l.includes('/orders')),
    ).toEqual([
      'unknown-client GET /orders skip: set fixtures.unknownClient in the config (a client id your API does not know)',
      'blocked-client GET /orders skip: set fixtures.blockedClient in the config (a registered client your API has blocked)',
      'client-mismatch GET /orders skip: set clientIdHeader in the config (the header your API reads a client id from)',
      'subject-disabled GET /orders skip: set fixtures.disabledSubject in the config (a sub whose entity or role your API has disabled)',
      'feature-disabled GET /orders skip: set fixtures.disabledTenant in the config ({ claim, value } naming a tenant with token auth switched off)',
      'grant-not-allowed GET /orders skip: set fixtures.grantRestricted in the config ({ clientId, claim, value }: a client not allowed the grant the claim names)',
    ]);
    expect(report.summary).toMatchObject({ skipped: 2 * ids.length, failed: 0, errored: 0 });
  });
});

describe('each identity scenario fails on an API with the matching flaw', () => {
  it('issuer-lookalike fails as critical when the issuer is matched by prefix', async () => {
    const byPrefix: Step = (ctx) => {
      if (!String(ctx.claims?.iss).startsWith(ctx.options.issuer)) return invalidToken('InvalidIssuer');
    };
    // Introspection would refuse a foreign iss (the IdP does not own it) and hide the flaw.
    const report = await runReference(IDS, { reference: { introspection: undefined, steps: { checkIssuer: byPrefix } } });
    expect(outcomes(report)).toEqual(expected('issuer-lookalike', 'critical'));
    const failed = report.results[0]!.failures.join('\n');
    expect(failed).toMatch(/\[trailing slash\] accepted a token it must reject/);
    expect(failed).toMatch(/\[issuer, then text\] accepted/);
    expect(failed).not.toMatch(/\[issuer truncated\]/);
  });

  it('audience-array fails as major when aud must be a string', async () => {
    const stringOnly: Step = (ctx) => {
      if (ctx.claims?.aud !== ctx.options.audience) return invalidToken('InvalidAudience');
    };
    const report = await runReference(IDS, { reference: { steps: { checkAudience: stringOnly } } });
    expect(outcomes(report)).toEqual(expected('audience-array', 'major'));
  });

  it('unknown-client fails as critical when the API does not look the client up', async () => {
    const report = await runReference(IDS, {
      reference: { steps: { checkDirectory: directoryWith((d) => ({ ...d, clients: undefined })) } },
    });
    expect(outcomes(report)).toEqual(expected('unknown-client', 'critical'));
  });

  it('blocked-client fails as critical when the API ignores the blocked state', async () => {
    const flawed = directoryWith((d) => ({ ...d, clients: registered(d, 'gauntlet-blocked-client'), blockedClients: [] }));
    const report = await runReference(IDS, { reference: { steps: { checkDirectory: flawed } } });
    expect(outcomes(report)).toEqual(expected('blocked-client', 'critical'));
  });

  it('client-mismatch fails as critical when the API reads the client id header but never compares it', async () => {
    const report = await runReference(IDS, { reference: { steps: { checkClientId: skip } } });
    expect(outcomes(report)).toEqual(expected('client-mismatch', 'critical'));
  });

  it('subject-disabled fails as critical when the API ignores disabled subjects', async () => {
    const report = await runReference(IDS, {
      reference: { steps: { checkDirectory: directoryWith((d) => ({ ...d, disabledSubjects: [] })) } },
    });
    expect(outcomes(report)).toEqual(expected('subject-disabled', 'critical'));
  });

  it('feature-disabled fails as critical when the API ignores the tenant switch', async () => {
    const report = await runReference(IDS, {
      reference: { steps: { checkDirectory: directoryWith((d) => ({ ...d, disabledTenants: [] })) } },
    });
    expect(outcomes(report)).toEqual(expected('feature-disabled', 'critical'));
  });

  it('grant-not-allowed fails as critical when the API ignores grant restrictions', async () => {
    const flawed = directoryWith((d) => ({ ...d, clients: registered(d, 'gauntlet-code-only-client'), grantRestrictions: [] }));
    const report = await runReference(IDS, { reference: { steps: { checkDirectory: flawed } } });
    expect(outcomes(report)).toEqual(expected('grant-not-allowed', 'critical'));
  });

  it('unknown-client fails as minor, on the audit code alone, when the API blocks instead of calling the client unknown', async () => {
    const blocksUnknown: Step = (ctx) => {
      const refused = referenceSteps.checkDirectory(ctx);
      return refused && 'code' in refused && refused.code === 'InvalidIntegration' ? invalidToken('IntegrationBlocked') : refused;
    };
    const report = await runReference(IDS, { reference: { steps: { checkDirectory: blocksUnknown } } });
    expect(outcomes(report)).toEqual(expected('unknown-client', 'minor'));
    expect(report.results.find((r) => r.scenario === 'unknown-client')!.failures[0]).toBe(
      'expected audit code InvalidIntegration, got IntegrationBlocked',
    );
  });
});
