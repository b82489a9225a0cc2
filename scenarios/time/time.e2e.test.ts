import { describe, expect, it } from 'vitest';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import type { Step } from '../../mocks/targets/reference/steps.ts';
import { failures, outcomes, runReference } from '../../test-support/run-reference.ts';
import { resolveConfig, type UserConfig } from '../../harness/config.ts';
import { scenariosFor } from '../../harness/load-scenarios.ts';
import type { Report } from '../../harness/report.ts';
import { run } from '../../harness/run.ts';
import { startJoseApi } from '../../mocks/targets/third-party/jose-api.ts';

const IDS = ['exp-boundary', 'exp-missing', 'exp-type'];
const ALL_TIME = ['expired', 'exp-boundary', 'exp-missing', 'exp-type', 'nbf-future', 'iat-future', 'too-broad'];
const LEEWAY = 60;

function allPass(ids: readonly string[]): string[] {
  return ids.flatMap((id) => [`${id} GET /orders pass`, `${id} GET /admin pass`]);
}

/** The reference exp check with the leeway replaced, everything else kept. */
function expiryWithLeeway(leeway: number): Step {
  return (ctx) => {
    const exp = ctx.claims?.exp;
    if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp < 0) return invalidToken('TokenRejected');
    if (exp <= ctx.now - leeway) return invalidToken('TokenExpired');
  };
}

// Introspection would call these tokens inactive (RFC 7662) and hide a flawed local check, so the
// flawed variants that could be masked validate locally only.
const LOCAL_ONLY = { introspection: undefined };

describe('the time scenarios against the reference API', () => {
  it('pass over a URL, audit codes included', async () => {
    const report = await runReference(IDS);
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(allPass(IDS));
    const boundary = report.results.find((r) => r.scenario === 'exp-boundary')!;
    expect(boundary.variants).toEqual([
      `exp ${LEEWAY + 5} s ago: 5 s beyond the ${LEEWAY} s leeway`,
      `exp ${LEEWAY - 5} s ago: 5 s inside the ${LEEWAY} s leeway`,
      `exp exactly now, inside the ${LEEWAY} s leeway`,
    ]);
  });

  it('pass in process', async () => {
    const report = await runReference(IDS, { mode: 'in-process' });
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(allPass(IDS));
  });

  it('send only the expired variant of exp-boundary when the API declares no leeway', async () => {
    const report = await runReference(['exp-boundary'], { reference: { leeway: 0 }, config: { policy: { leeway: 0 } } });
    expect(outcomes(report)).toEqual(allPass(['exp-boundary']));
    expect(report.results[0]!.variants).toEqual([]);
    expect(report.results[0]!.token?.claims.exp).toBeLessThan(Date.now() / 1000 - 4);
  });
});

/** The time scenarios against a jose jwtVerify API (a real, local validator), iat checked through maxTokenAge. */
async function runJose(ids: readonly string[], clockTolerance: number, policy: UserConfig['policy']): Promise<Report> {
  const config = await resolveConfig(
    {},
    {
      target: { start: (env) => startJoseApi(env, { clockTolerance, maxTokenAge: 86_400, requiredClaims: ['exp', 'iat'] }) },
      audience: 'https://api.gauntlet.test',
      endpoints: ['GET /orders'],
      idp: { algs: ['ES256'] },
      runs: 0,
      timeout: 2000,
      policy,
    },
  );
  return run(config, await scenariosFor([], process.cwd(), ids));
}

const BOUNDARIES = ['expired', 'exp-boundary', 'nbf-future', 'iat-future'];

describe('declared or not: a strict API is right when nothing is declared, and held exactly to a declared leeway', () => {
  it('a reference API with no leeway passes every time scenario when nothing is declared; too-broad is not applicable', async () => {
    const report = await runReference(ALL_TIME, { reference: { leeway: 0 }, config: { policy: {} } });
    expect(failures(report)).toEqual([]);
    const broad = report.results.filter((r) => r.scenario === 'too-broad');
    expect(broad.map((r) => r.verdict)).toEqual(['skip', 'skip']);
    expect(broad[0]!.skipReason).toBe(
      'not applicable: no maximum lifetime declared (--max-lifetime S): a token is accepted for as long as its issuer makes it live; observed maximum lifetime 7200 s (2 h)',
    );
    const boundary = report.results.find((r) => r.scenario === 'exp-boundary')!;
    expect(boundary.verdict).toBe('pass');
    expect(boundary.variants).toEqual([]);
    expect(boundary.token?.claims.exp).toBeLessThan(Date.now() / 1000 - 304);
    expect(report.observedPolicy?.expLeeway).toBe(0);
  });

  it.each([0, 300])('jose with clockTolerance %i passes exp, nbf and iat when nothing is declared', async (tolerance) => {
    const report = await runJose(BOUNDARIES, tolerance, {});
    expect(failures(report)).toEqual([]);
    expect(outcomes(report)).toEqual(BOUNDARIES.map((id) => `${id} GET /orders pass`));
  });

  it('jose with clockTolerance 600 fails them as critical when nothing is declared: beyond the 300 s ceiling', async () => {
    const report = await runJose(BOUNDARIES, 600, {});
    expect(outcomes(report)).toEqual(['expired GET /orders pass', ...BOUNDARIES.slice(1).map((id) => `${id} GET /orders fail critical`)]);
    expect(report.results[1]!.failures[0]).toMatch(/^accepted a token it must reject/);
    expect(report.results[1]!.variants).toEqual([]);
  });

  it.each([
    ['no leeway', 'major', 0, /^\[exp 25 s ago: 5 s inside the 30 s leeway\] expected .* to be accepted \(2xx\), got 401/],
    ['a 300 s leeway', 'critical', 300, /^\[exp 35 s ago: 5 s beyond the 30 s leeway\] accepted a token it must reject/],
  ] as const)(
    'with --leeway 30 declared, a reference API with %s fails exp-boundary, nbf-future and iat-future as %s',
    async (_name, severity, leeway, message) => {
      const report = await runReference(BOUNDARIES, { reference: { ...LOCAL_ONLY, leeway }, config: { policy: { leeway: 30 } } });
      expect(outcomes(report)).toEqual([
        ...allPass(['expired']),
        ...['exp-boundary', 'nbf-future', 'iat-future'].flatMap((id) => [
          `${id} GET /orders fail ${severity}`,
          `${id} GET /admin fail ${severity}`,
        ]),
      ]);
      expect(report.results[2]!.failures[0]).toMatch(message);
      expect(report.results[2]!.variants).toEqual([
        'exp 35 s ago: 5 s beyond the 30 s leeway',
        'exp 25 s ago: 5 s inside the 30 s leeway',
        'exp exactly now, inside the 30 s leeway',
      ]);
    },
  );

  it.each([
    [0, 'major'],
    [300, 'critical'],
  ] as const)('with --leeway 30 declared, jose with clockTolerance %i fails the boundaries as %s', async (tolerance, severity) => {
    const report = await runJose(BOUNDARIES, tolerance, { leeway: 30 });
    expect(outcomes(report)).toEqual([
      'expired GET /orders pass',
      ...BOUNDARIES.slice(1).map((id) => `${id} GET /orders fail ${severity}`),
    ]);
  });

  it('with --leeway 30 declared, an API with exactly 30 s passes', async () => {
    const report = await runJose(BOUNDARIES, 30, { leeway: 30 });
    expect(failures(report)).toEqual([]);
  });

  it.each([
    [
      '3600 s, less than the reference enforces',
      'critical',
      3600,
      /^\[lifetime 3605 s: 5 s beyond the 3600 s maximum\] accepted a token it must reject/,
    ],
    [
      '14400 s, more than the reference allows',
      'major',
      14_400,
      /^\[lifetime 14395 s: 5 s inside the 14400 s maximum\] expected .* to be accepted \(2xx\), got 401/,
    ],
  ] as const)('with a maximum lifetime of %s declared, too-broad fails as %s', async (_name, severity, maxLifetime, message) => {
    const report = await runReference(['too-broad'], { config: { policy: { maxLifetime } } });
    expect(outcomes(report)).toEqual([`too-broad GET /orders fail ${severity}`, `too-broad GET /admin fail ${severity}`]);
    expect(report.results[0]!.failures[0]).toMatch(message);
  });
});

describe('each time scenario fails on an API with the matching flaw', () => {
  it('exp-boundary fails as major when the API ignores its declared leeway', async () => {
    const report = await runReference(IDS, { reference: { steps: { checkExpiry: expiryWithLeeway(0) } } });
    expect(outcomes(report)).toEqual([
      'exp-boundary GET /orders fail major',
      'exp-boundary GET /admin fail major',
      ...allPass(IDS.slice(1)),
    ]);
    expect(report.results[0]!.failures.join('\n')).toMatch(
      /\[exp 55 s ago: 5 s inside the 60 s leeway\] expected .* to be accepted \(2xx\), got 401/,
    );
  });

  it('exp-boundary fails as critical when the API allows more leeway than it declares', async () => {
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: expiryWithLeeway(2 * LEEWAY) } } });
    expect(outcomes(report)).toEqual([
      'exp-boundary GET /orders fail critical',
      'exp-boundary GET /admin fail critical',
      ...allPass(IDS.slice(1)),
    ]);
    expect(report.results[0]!.failures[0]).toMatch(/^\[exp 65 s ago: 5 s beyond the 60 s leeway\] accepted a token it must reject/);
  });

  it('exp-missing fails as critical when the API checks exp only if present', async () => {
    const onlyIfPresent: Step = (ctx) => (ctx.claims?.exp === undefined ? undefined : expiryWithLeeway(LEEWAY)(ctx));
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: onlyIfPresent } } });
    expect(outcomes(report)).toEqual([
      ...allPass(['exp-boundary']),
      'exp-missing GET /orders fail critical',
      'exp-missing GET /admin fail critical',
      ...allPass(['exp-type']),
    ]);
  });

  it('exp-type fails as critical when the API coerces exp with Number()', async () => {
    const coercing: Step = (ctx) => {
      if (ctx.claims?.exp === undefined) return invalidToken('TokenRejected');
      const exp = Number(ctx.claims.exp);
      if (!(exp > ctx.now - LEEWAY)) return invalidToken('TokenExpired');
    };
    const report = await runReference(IDS, { reference: { ...LOCAL_ONLY, steps: { checkExpiry: coercing } } });
    expect(outcomes(report)).toEqual([
      ...allPass(['exp-boundary', 'exp-missing']),
      'exp-type GET /orders fail critical',
      'exp-type GET /admin fail critical',
    ]);
    const failed = report.results.at(-1)!.failures.join('\n');
    expect(failed).toMatch(/\[exp as a numeric string\] accepted/);
    expect(failed).toMatch(/\[exp an array\] accepted/);
  });
});
