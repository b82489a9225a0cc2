import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { captureOut } from '../cli/out.ts';
import { catalogue } from '../../scenarios/catalogue.ts';
import { serveOnLoopback, type Listening } from '../../mocks/targets/loopback.ts';
import { createReferenceApi } from '../../mocks/targets/reference/app.ts';
import { flawedTargets } from '../../mocks/targets/flawed/index.ts';
import { referenceFor } from '../../mocks/targets/reference/gauntlet.config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'harness/bin.mjs');
const gauntlet = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 90_000 });
/** Without blocking this process: the targets of the replay test listen in it. */
function gauntletAsync(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const servers: Listening[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('gauntlet replay targets what the report names', () => {
  it('replays against the report URL, IdP port and keys, even in a folder whose config runs another app in process; flags override', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-replay-'));
    // The folder's own config: an in-process app that refuses everything (what replay used to pick).
    writeFileSync(
      join(dir, 'gauntlet.config.mjs'),
      "export default { target: { app: () => (req, res) => { res.statusCode = 401; res.end(); } }, endpoints: ['GET /orders'] };\n",
    );
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const audience = 'https://orders.example';
    const env = {
      issuer,
      jwksUri: `${issuer}/jwks`,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      tokenEndpoint: `${issuer}/token`,
      audience,
      introspection: { endpoint: `${issuer}/introspect`, clientId: 'x', clientSecret: 'y' },
    };
    // Two APIs trusting an IdP on that fixed port: one accepts alg none, one is fixed.
    const flaw = flawedTargets.find((t) => t.name === 'alg-none-accepted')!;
    const legacy = await serveOnLoopback(
      createReferenceApi(
        referenceFor(env, { introspection: undefined, directory: undefined, clientIdHeader: undefined, ...flaw.options() }),
      ),
    );
    const fixed = await serveOnLoopback(
      createReferenceApi(referenceFor(env, { introspection: undefined, directory: undefined, clientIdHeader: undefined })),
    );
    servers.push(legacy, fixed);
    const keys = join(dir, 'keys.json');
    const out = join(dir, 'out');
    const ran = await gauntletAsync(
      dir,
      'run',
      '--target',
      legacy.url,
      '--endpoint',
      'GET /admin admin',
      '--idp-port',
      String(port),
      '--keys',
      keys,
      '--audience',
      audience,
      '--only',
      'alg-none',
      '--runs',
      '0',
      '--revocation',
      'none',
      '--out',
      out,
      '--format',
      'json',
    );
    expect([ran.status, ran.stderr]).toEqual([1, '']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.replayWith).toEqual({ target: 'url', idpPort: port, keysFile: keys, endpoints: ['GET /admin admin'] });

    const again = await gauntletAsync(dir, 'replay', join(out, 'report.json'));
    expect(again.stdout.split('\n')[0]).toBe(
      `replay: target ${legacy.url} (report), IdP on port ${port} (report) with keys ${keys} (report), profile rfc6750 (report), 1 endpoint; override with --target, --idp-port, --keys, --profile, --endpoint`,
    );
    expect(again.stdout).toMatch(/^STILL FAILING\s+alg-none on GET \/admin/m);
    expect(again.status).toBe(1);

    const override = await gauntletAsync(dir, 'replay', join(out, 'report.json'), '--target', fixed.url);
    expect(override.stdout.split('\n')[0]).toMatch(new RegExp(`^replay: target ${fixed.url} \\(flag\\), IdP on port ${port} \\(report\\)`));
    expect(override.stdout).toMatch(/^FIXED\s+alg-none on GET \/admin/m);
    expect(override.status).toBe(0);
  }, 120_000);

  it('a report whose target a config started, replayed where no config has one, is one line naming the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-replay-'));
    const { fixtureReport } = await import('../../reports/fixtures.ts');
    const r = fixtureReport();
    r.replayWith = { target: 'start', idpPort: null, keysFile: null, endpoints: ['GET /orders'] };
    writeFileSync(join(dir, 'report.json'), JSON.stringify(r));
    const res = gauntlet(dir, 'replay', 'report.json');
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      'gauntlet: report.json was run against a target its config started, and no config here has one; pass that config with --config, or --target URL of the API\n',
    );
  });
});

describe('a reproduction for a run whose target the config started', () => {
  it('writes reproduce.mjs, which starts the IdP and the API again and sends the failing case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-repro-'));
    const env = { ...process.env, GAUNTLET_FLAW: 'alg-none-accepted' };
    const ran = spawnSync(
      process.execPath,
      [
        bin,
        'run',
        '--config',
        'mocks/targets/flawed/gauntlet.config.ts',
        '--only',
        'alg-none,expired',
        '--runs',
        '0',
        '--out',
        dir,
        '--format',
        'json',
      ],
      { cwd: root, encoding: 'utf8', env, timeout: 90_000 },
    );
    expect(ran.status).toBe(1);
    const script = join(dir, 'reproduce.mjs');
    expect(ran.stdout).toContain(`reproduce: node ${script} [scenario-id]`);
    const repro = spawnSync(process.execPath, [script, 'alg-none'], { cwd: tmpdir(), encoding: 'utf8', env, timeout: 90_000 });
    expect(repro.stdout).toMatch(/^replay: target the server the config starts \(config\)/m);
    expect(repro.stdout).toMatch(/^STILL FAILING\s+alg-none on GET \/orders/m);
    expect(repro.stdout).not.toMatch(/expired/);
    expect(repro.status).toBe(1);
  }, 120_000);
});

describe('gauntlet mint', () => {
  it('takes the issuer from the keys file a running "gauntlet idp --keys" wrote; "baseline" is a valid token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-mint-'));
    const keys = join(dir, 'keys.json');
    const child = spawn(process.execPath, [bin, 'idp', '--keys', keys, '--algs', 'ES256'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))) as {
      issuer: string;
      token_endpoint: string;
    };
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const minted = gauntlet(dir, 'mint', 'baseline', '--keys', keys, '--algs', 'ES256');
    expect(minted.status).toBe(0);
    expect(decodeJwt(minted.stdout.trim()).iss).toBe(ready.issuer);
    expect(ready.issuer).not.toBe('http://127.0.0.1:9400');
    expect(decodeJwt(gauntlet(dir, 'mint', 'valid', '--keys', keys, '--issuer', 'https://other.example').stdout.trim()).iss).toBe(
      'https://other.example',
    );
  }, 60_000);

  it('mints every catalogue id, or refuses it in one line saying why, never "unexpected error"', async () => {
    const refused: string[] = [];
    // One keys file for every mint: the keys are loaded, not generated anew for each of the catalogue's ids.
    const keys = join(mkdtempSync(join(tmpdir(), 'gauntlet-mint-all-')), 'keys.json');
    for (const s of catalogue) {
      const out = captureOut();
      const code = await main(['mint', s.id, '--algs', 'ES256,RS256', '--keys', keys], out);
      const errors = out.errors.filter((e) => !e.startsWith('note: '));
      if (code === 0) {
        expect(out.lines, s.id).toHaveLength(1);
        // The credential as sent (a token, or scheme and token, whitespace and all); empty-token's is empty on purpose.
        expect(out.lines[0], s.id).not.toMatch(/[\r\n]/);
        if (s.id !== 'empty-token') expect(out.lines[0]!.trim(), s.id).not.toBe('');
      } else {
        expect(code, s.id).toBe(2);
        expect(errors, s.id).toHaveLength(1);
        expect(errors[0], s.id).toMatch(/^gauntlet: (cannot mint|scenario) /);
        expect(errors[0], s.id).toMatch(/; (pass|send|use) /);
        refused.push(s.id);
      }
      expect(out.errors.join('\n'), s.id).not.toMatch(/unexpected error/);
    }
    // What only a config or an endpoint with a scope can give (binding and discovery need a DPoP or resource config); everything else is mintable.
    const needsConfig = new Set(catalogue.filter((s) => s.category === 'binding' || s.category === 'discovery').map((s) => s.id));
    // (The catalogue grows; a new scenario that needs a config is refused the same way, so this names the known ones.)
    expect(refused.filter((id) => !needsConfig.has(id))).toEqual(
      expect.arrayContaining(
        [
          'blocked-client',
          'client-mismatch',
          'custom-location',
          'feature-disabled',
          'grant-not-allowed',
          'no-credentials',
          'scope-empty',
          'scope-missing',
          'scope-tricks',
          'subject-disabled',
          'too-broad',
          'unknown-client',
        ].sort(),
      ),
    );
    expect(refused.length).toBeLessThan(catalogue.length / 2);
    // Given what they need, they mint.
    const scoped = captureOut();
    expect(await main(['mint', 'scope-tricks', '--endpoint', 'GET /admin admin'], scoped)).toBe(0);
    const fixtures = captureOut();
    expect(await main(['mint', 'unknown-client', '--config', join(root, 'mocks/targets/reference/gauntlet.config.ts')], fixtures)).toBe(0);
    expect(decodeJwt(fixtures.lines[0]!).client_id).toBe('gauntlet-unregistered-client');
  }, 120_000);
});
