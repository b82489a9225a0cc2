import { describe, expect, it } from 'vitest';
import { importJWK, type JWK } from 'jose';
import { isActive } from '../../mocks/targets/reference/introspection.ts';
import { IdpUnavailable, invalidToken } from '../../mocks/targets/reference/rejection.ts';
import type { Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../../test-support/run-reference.ts';

const IDS = ['introspection-down', 'jwks-down'];
const PASS = IDS.flatMap((id) => [`${id} GET /orders pass`, `${id} GET /admin pass`]);
const TIMEOUT_MS = 2000;

function expected(failing: string, severity: 'critical' | 'major'): string[] {
  return IDS.flatMap((id) =>
    ['GET /orders', 'GET /admin'].map((e) => (id === failing ? `${id} ${e} fail ${severity}` : `${id} ${e} pass`)),
  );
}

/** Introspection as the reference does it, with a timeout far beyond the harness's. */
const introspectWithoutTimeout: Step = async (ctx) => {
  if (ctx.options.introspection && ctx.token && !(await isActive(ctx.token, ctx.options.introspection, 60_000)))
    return invalidToken('TokenBlocked');
};

describe('the IdP outage scenarios against the reference API', () => {
  it('pass over a URL: every request refused within the timeout', async () => {
    const report = await runReference(IDS);
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(PASS);
    expect(report.results.map((r) => r.variants)).toEqual([
      ['introspection answers 503', 'introspection stalls'],
      ['introspection answers 503', 'introspection stalls'],
      ['JWKS answers 503', 'JWKS stalls'],
      ['JWKS answers 503', 'JWKS stalls'],
    ]);
  });

  it('pass in process', async () => {
    const report = await runReference(IDS, { mode: 'in-process' });
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(PASS);
  });
});

describe('each outage scenario fails on an API that does not fail closed', () => {
  it('introspection-down fails as critical when introspection errors count as active', async () => {
    const failOpen: Step = async (ctx) => {
      if (!ctx.options.introspection || !ctx.token) return;
      try {
        if (!(await isActive(ctx.token, ctx.options.introspection, ctx.options.idpTimeoutMs))) return invalidToken('TokenBlocked');
      } catch (err) {
        if (!(err instanceof IdpUnavailable)) throw err;
      }
    };
    const report = await runReference(IDS, { reference: { steps: { checkRevocation: failOpen } } });
    expect(outcomes(report)).toEqual(expected('introspection-down', 'critical'));
    const failed = report.results[0]!.failures;
    expect(failed.map((f) => f.split(']')[0])).toEqual(['[introspection answers 503', '[introspection stalls']);
  });

  it('introspection-down fails as critical when the API does not introspect at all', async () => {
    const report = await runReference(IDS, { reference: { introspection: undefined } });
    expect(outcomes(report)).toEqual(expected('introspection-down', 'critical'));
  });

  it('introspection-down fails as major, on the stall alone, when the API waits for introspection without a timeout', async () => {
    const report = await runReference(IDS, {
      reference: { steps: { checkRevocation: introspectWithoutTimeout } },
      config: { timeout: TIMEOUT_MS },
    });
    expect(outcomes(report)).toEqual(expected('introspection-down', 'major'));
    expect(report.results[0]!.failures).toEqual([
      `[introspection stalls] the target did not answer within ${TIMEOUT_MS} ms (it must fail fast and closed)`,
    ]);
  });

  it('jwks-down fails as major, on the stall alone, when the API fetches the JWKS without a timeout', async () => {
    const resolveKeyWithoutTimeout: Step = async (ctx) => {
      const response = await fetch(ctx.options.jwksUri);
      const keys = response.ok ? ((await response.json()) as { keys: JWK[] }).keys : [];
      const jwk = keys.find((k) => k.kid === ctx.header?.kid);
      if (!jwk) return invalidToken('MissingKey');
      ctx.key = (await importJWK(jwk, String(ctx.header?.alg))) as CryptoKey;
    };
    const report = await runReference(IDS, {
      reference: { steps: { resolveKey: resolveKeyWithoutTimeout } },
      config: { timeout: TIMEOUT_MS },
    });
    expect(outcomes(report)).toEqual(expected('jwks-down', 'major'));
    expect(report.results[2]!.failures).toEqual([
      `[JWKS stalls] the target did not answer within ${TIMEOUT_MS} ms (it must fail fast and closed)`,
    ]);
  });
});
