import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort } from '../mocks/targets/loopback.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeySet } from '../mocks/idp/keys.ts';
import { systemClock } from '../mocks/idp/clock.ts';
import { skip } from '../mocks/targets/reference/steps.ts';
import { createReferenceApi, startReferenceApi } from '../mocks/targets/reference/app.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { main } from './cli.ts';
import { captureOut } from './cli/out.ts';
import { resolveConfig } from './config.ts';
import { scenariosFor } from './load-scenarios.ts';
import type { Report } from './report.ts';
import { run } from './run.ts';

const AUDIENCE = 'https://orders.gauntlet.test';
const ENDPOINTS = ['--endpoint', 'GET /orders', '--endpoint', 'GET /admin admin'];

const capture = captureOut;

/** An API started before the IdP, as a user's would be: it trusts the issuer on a fixed port. */
async function startTrusting(port: number, keysFile: string, extra: Partial<ReferenceOptions> = {}) {
  const keys = await KeySet.loadOrCreate(keysFile, ['RS256', 'PS256', 'ES256', 'EdDSA'], systemClock.now());
  const issuer = `http://127.0.0.1:${port}`;
  return startReferenceApi({
    issuer,
    audience: AUDIENCE,
    introspection: { endpoint: `${issuer}/introspect`, clientId: 'gauntlet-client', clientSecret: keys.clientSecret },
    ...extra,
  });
}

function readReport(dir: string): Report {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
}

/**
 * `gauntlet run` against the reference API, started first and trusting an IdP on a free port, with
 * `args` after the target, IdP, keys, audience and endpoints; the API is closed when the run ends.
 */
async function runAgainstReference(keysFile: string, outDir: string, args: readonly string[], extra: Partial<ReferenceOptions> = {}) {
  const port = await freePort();
  const api = await startTrusting(port, keysFile, extra);
  const out = capture();
  try {
    const code = await main(
      [
        'run',
        '--target',
        api.url,
        '--idp-port',
        String(port),
        '--keys',
        keysFile,
        '--audience',
        AUDIENCE,
        ...ENDPOINTS,
        ...args,
        '--out',
        outDir,
        '--quiet',
      ],
      out,
    );
    return { code, out, report: readReport(outDir) };
  } finally {
    await api.close();
  }
}

describe('gauntlet run against a target URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-e2e-'));
  const keysFile = join(dir, 'keys.json');

  it('passes every scenario on the reference API and exits 0', async () => {
    const { code, report } = await runAgainstReference(keysFile, join(dir, 'ref'), []);
    expect(
      report.results
        .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')
        .map((r) => `${r.scenario} ${r.endpoint}: ${r.failures.join('; ')}`),
    ).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.passed).toBeGreaterThanOrEqual(2 * 18);
  }, 120_000);

  it('exits 1 with expired failing as critical when the API skips the exp check', async () => {
    // Introspection would report the expired token inactive (RFC 7662) and hide the flaw, so this
    // variant validates locally only, and the scenarios that need introspection are skipped.
    const { code, report } = await runAgainstReference(keysFile, join(dir, 'no-exp'), ['--skip', 'revoked,introspection-down'], {
      steps: { checkExpiry: skip },
      introspection: undefined,
    });
    const failing = report.results.filter((r) => r.verdict === 'fail');
    expect(code).toBe(1);
    // Every scenario about exp, and nothing else.
    expect([...new Set(failing.map((r) => r.scenario))].sort()).toEqual([
      'exp-boundary',
      'exp-missing',
      'exp-range',
      'exp-type',
      'expired',
    ]);
    expect(failing.every((r) => r.severity === 'critical')).toBe(true);
    const expired = failing.find((r) => r.scenario === 'expired')!;
    expect(expired.failures[0]).toMatch(/accepted a token it must reject: expected 401 invalid_token, got 200/);
    expect(expired.reproduce).toMatch(/^curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/orders' -H 'authorization: Bearer ey/);
  }, 120_000);

  it('declared stateless with --skip: every skipped row is in every report with its reason, beside the observed policy', async () => {
    const outDir = join(dir, 'stateless');
    const args = ['--revocation', 'none', '--leeway', '60', '--max-lifetime', '7200', '--skip', 'jwks-down', '--runs', '0'];
    const { code, out, report } = await runAgainstReference(keysFile, outDir, args, { introspection: undefined });
    expect(code).toBe(0);
    const skipped = report.results.filter((r) => ['revoked', 'introspection-down', 'jwks-down'].includes(r.scenario));
    expect(skipped.map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}`)).toEqual([
      'revoked GET /orders skip',
      'revoked GET /admin skip',
      'introspection-down GET /orders skip',
      'introspection-down GET /admin skip',
      'jwks-down GET /orders skip',
      'jwks-down GET /admin skip',
    ]);
    const stateless =
      'not applicable: declared stateless (--revocation none): a revoked token stays valid until exp; observed maximum lifetime 7200 s (2 h)';
    expect(skipped[0]!.skipReason).toBe(stateless);
    expect(skipped[4]!.skipReason).toBe('excluded by --skip');
    expect(report.declaredPolicy).toEqual({ leeway: 60, maxLifetime: 7200, algorithms: null, revocation: 'none' });
    expect(report.observedPolicy).toMatchObject({
      expLeeway: 60,
      nbfLeeway: 60,
      iatLeeway: 60,
      maxLifetime: 7200,
      introspection: false,
      typ: ['at+jwt', 'application/at+jwt'],
    });
    expect(
      out.lines.some((l) =>
        /^observed policy on GET \/orders: exp leeway 60 s, nbf tolerance 60 s, iat tolerance 60 s, longest lifetime 7200 s \(2 h\), algorithms RS256, PS256, ES256, EdDSA, typ values at\+jwt, application\/at\+jwt, introspection no$/.test(
          l,
        ),
      ),
    ).toBe(true);
    const junit = readFileSync(join(outDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="jwks-down GET \/admin"[^>]*>\s*<skipped message="excluded by --skip"\/>/);
    expect(junit).toContain(`<skipped message="${stateless}"/>`);
    const md = readFileSync(join(outDir, 'summary.md'), 'utf8');
    expect(md).toContain('- <code>jwks-down</code> on <code>GET /orders</code>, <code>GET /admin</code>: excluded by --skip');
    expect(md).toContain('| exp leeway | 60 s | 60 s |');
    const page = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(page).toContain('<span class="title">excluded by --skip</span>');
    expect(page).toContain('<tr data-key="introspection"><th>introspection</th><td>none (stateless)</td><td><strong>no</strong></td>');
  });

  describe('a target that rejects everything', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' });
        res.end('{"error":"invalid_token"}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('exits 2 with one line naming the issuer, JWKS URL and audience to trust', async () => {
      const out = capture();
      const code = await main(['run', '--target', url, '--audience', AUDIENCE, ...ENDPOINTS, '--out', join(dir, 'rej')], out);
      expect(code).toBe(2);
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0]).toMatch(
        /^gauntlet: baseline rejected: GET \/orders answered 401 .* configure the target to trust issuer http:\/\/127\.0\.0\.1:\d+, JWKS http:\/\/127\.0\.0\.1:\d+\/jwks and audience https:\/\/orders\.gauntlet\.test$/,
      );
    });
  });

  it('exits 2 with one line when the target is unreachable', async () => {
    const out = capture();
    const port = await freePort();
    const code = await main(['run', '--target', `http://127.0.0.1:${port}`, ...ENDPOINTS, '--out', join(dir, 'unreach')], out);
    expect(code).toBe(2);
    expect(out.errors).toEqual([
      `gauntlet: cannot reach the target at http://127.0.0.1:${port} (ECONNREFUSED); start your API there or fix --target`,
    ]);
  });
});

describe('gauntlet run against an in-process app', () => {
  it('gives the same verdicts as over a URL on the reference API', async () => {
    const scenarios = await scenariosFor([], process.cwd());
    const common = { audience: AUDIENCE, endpoints: ['GET /orders', 'GET /admin admin'] };
    const inProcess = await run(
      await resolveConfig({}, { ...common, target: { app: (env) => createReferenceApi({ ...env, introspection: env.introspection }) } }),
      scenarios,
    );
    const overUrl = await run(
      await resolveConfig({}, { ...common, target: { start: (env) => startReferenceApi({ ...env, introspection: env.introspection }) } }),
      scenarios,
    );
    const verdicts = (r: Report) => r.results.map((x) => `${x.scenario} ${x.endpoint} ${x.verdict}`);
    expect(inProcess.idp.issuer).toBe('https://idp.gauntlet.test');
    expect(verdicts(inProcess)).toEqual(verdicts(overUrl));
    expect(inProcess.summary.failed).toBe(0);
    // Two whole-catalogue runs with their property cases: about 30 s on a loaded 2-core machine.
  }, 120_000);
});
