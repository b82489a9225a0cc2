import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { KeySet } from '../mocks/idp/keys.ts';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const gauntlet = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('gauntlet idp', () => {
  it('prints one JSON ready line, serves a JWKS a verifier trusts, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'idp', '--algs', 'ES256'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const ready = JSON.parse(first) as {
      issuer: string;
      jwks_uri: string;
      token_endpoint: string;
      client_id: string;
      client_secret: string;
      control_secret: string;
    };
    expect(ready.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.jwks_uri).toBe(`${ready.issuer}/jwks`);
    // The control API answers the ready line's control_secret, and nothing else.
    const state = (secret?: string) =>
      fetch(`${ready.issuer}/_gauntlet/state`, { headers: secret ? { 'x-gauntlet-control': secret } : {} });
    expect((await state(ready.control_secret)).status).toBe(200);
    expect((await state()).status).toBe(403);

    const res = await fetch(ready.token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${ready.client_id}:${ready.client_secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const { protectedHeader } = await jwtVerify(access_token, createRemoteJWKSet(new URL(ready.jwks_uri)), {
      issuer: ready.issuer,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('gauntlet mint', () => {
  it('prints the forged token and nothing else on stdout', () => {
    const r = gauntlet('mint', 'alg-none');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.\n$/);
    expect(decodeProtectedHeader(r.stdout.trim()).alg).toBe('none');
  });

  it('mints a plain valid token that a verifier trusting the same keys file accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-mint-'));
    const keysFile = join(dir, 'keys.json');
    const r = gauntlet('mint', 'valid', '--keys', keysFile, '--audience', 'https://orders.example', '--endpoint', 'GET /admin admin');
    expect(r.status).toBe(0);
    const keys = await KeySet.loadOrCreate(keysFile, ['RS256', 'PS256', 'ES256', 'EdDSA'], Math.floor(Date.now() / 1000));
    const { payload } = await jwtVerify(r.stdout.trim(), createLocalJWKSet(keys.jwks()), {
      issuer: 'http://127.0.0.1:9400',
      audience: 'https://orders.example',
      typ: 'at+jwt',
    });
    expect(payload.scope).toBe('admin');
  });

  it('mints a scenario that changes the IdP first (a rotated-in key), saying the running IdP does not know of it', () => {
    const r = gauntlet('mint', 'rotated-key');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(r.stderr).toMatch(/^note: rotated-key changed this process's IdP/);
  });

  it('exits 2 with one line for an unknown scenario id', () => {
    const r = gauntlet('mint', 'no-such-thing');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['gauntlet: unknown scenario id "no-such-thing"; run "gauntlet list" to see the ids']);
  });
});

describe('gauntlet list', () => {
  it('lists every scenario with refs and a resolution as JSON', () => {
    const r = gauntlet('list', '--json');
    const rows = JSON.parse(r.stdout) as Array<{ id: string; refs: string[]; resolution: string; severity: string }>;
    expect(rows.length).toBeGreaterThanOrEqual(18);
    for (const row of rows) {
      expect(row.refs.length, row.id).toBeGreaterThan(0);
      expect(row.resolution.length, row.id).toBeGreaterThan(20);
    }
  });
});

describe('flag mistakes', () => {
  it.each([
    [
      ['run', '--timeout', 'soon'],
      /^gauntlet: option '--timeout <ms>' argument 'soon' is invalid\. --timeout must be a whole number, got "soon"; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--algs', 'HS256'],
      /^gauntlet: .*unknown algorithm HS256; use a comma list of RS256, PS256, ES256, EdDSA; see "gauntlet run --help"$/,
    ],
    [['run', '--frobnicate'], /^gauntlet: unknown option '--frobnicate'; see "gauntlet run --help"$/],
    [
      ['run', '--leeway', '-5'],
      /^gauntlet: option '--leeway <s>' argument '-5' is invalid\. --leeway must be 0 or more, got -5; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--max-lifetime', '0'],
      /^gauntlet: option '--max-lifetime <s>' argument '0' is invalid\. --max-lifetime must be 1 or more, got 0; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--max-body', '0'],
      /^gauntlet: option '--max-body <bytes>' argument '0' is invalid\. --max-body must be 1 or more, got 0; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--max-timeouts', 'few'],
      /^gauntlet: option '--max-timeouts <n>' argument 'few' is invalid\. --max-timeouts must be a whole number, got "few"; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--revocation', 'maybe'],
      /^gauntlet: option '--revocation <mode>' argument 'maybe' is invalid\. Allowed choices are introspection, none\.; see "gauntlet run --help"$/,
    ],
    [
      ['run', '--target', 'http://127.0.0.1:1', '--endpoint', 'orders'],
      /^gauntlet: endpoint "orders" is not "METHOD \/path\[ scope1 scope2\]"/,
    ],
  ])('%j exits 2 with one line naming the cause and the fix', (args, line) => {
    const r = gauntlet(...args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});

describe("mistakes in the user's own files", () => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-user-files-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const inDir = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000, cwd: dir });

  it.each([
    [
      'a config whose app factory throws',
      "export default { target: { app: () => { throw new Error('DATABASE_URL not set'); } }, endpoints: ['GET /a'] };",
      /^gauntlet: target\.app\(env\) threw: DATABASE_URL not set; fix target\.app in your config$/,
    ],
    [
      'a config whose app factory returns no app',
      "export default { target: { app: () => 42 }, endpoints: ['GET /a'] };",
      /^gauntlet: target\.app\(env\) returned number 42, not an app; return a Node request handler/,
    ],
    [
      'a config whose start throws',
      "export default { target: { start: async () => { throw new Error('port 8080 in use'); } }, endpoints: ['GET /a'] };",
      /^gauntlet: target\.start\(env\) threw: port 8080 in use; fix target\.start in your config$/,
    ],
    [
      'a config whose start returns no url',
      "export default { target: { start: async () => ({ port: 3 }) }, endpoints: ['GET /a'] };",
      /^gauntlet: target\.start\(env\) returned an object with keys port; return \{ url, close \}/,
    ],
    [
      'a config that throws while loading',
      "throw new Error('boom');",
      /^gauntlet: cannot load config .*gauntlet\.config\.ts: boom; fix the file so it loads$/,
    ],
  ])('%s exits 2 with one line', (_name, text, line) => {
    file('gauntlet.config.ts', text);
    const r = inDir('run', '--runs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(line);
  });

  it('a scenario with a syntax error exits 2 naming the line and column', () => {
    const scenario = file('broken-scenario.ts', 'this is not ts (\n');
    file('gauntlet.config.ts', 'export default {};');
    const r = inDir('run', '--target', 'http://127.0.0.1:9', '--endpoint', 'GET /a', '--scenarios', scenario);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `gauntlet: cannot load scenario ${scenario}: ${scenario}:1:5: ERROR: Expected ";" but found "is"; fix that module`,
    );
  });
});
