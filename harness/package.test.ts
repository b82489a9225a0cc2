/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepack`) from a copy of this
 * checkout, the tarball installed for real into a scratch project (its dependencies from the npm
 * cache, or the registry for what the cache lacks), then used the four ways the README promises:
 * types a strict TypeScript consumer compiles with `skipLibCheck: false`, the mock IdP from a plain
 * `node` ESM script and from a `node:test` file, and `npx --no-install gauntlet run` (with a
 * TypeScript config, loaded through tsx) against the reference API started from this checkout.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPoolBusy } from '../mocks/idp/key-pool.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sh = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const nodeModule = (name: string): string =>
  (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let work = '';
let app = '';
let files: string[] = [];
let tarballBytes = 0;

async function inApp(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await sh(cmd, args, { cwd: app, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gauntlet-pack-'));
  // Pack from a copy, so the build's `clean` never removes a dist/ another test or a developer is using.
  const src = join(work, 'src');
  const skip = new Set(['node_modules', 'dist', '.git', '.gauntlet', join('reports', 'out')]);
  cpSync(repo, src, { recursive: true, filter: (from) => !skip.has(relative(repo, from)) });
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(src, 'node_modules'), 'dir');
  const packed = await sh(npm, ['pack', '--json', '--pack-destination', work], { cwd: src, maxBuffer: 16 * 1024 * 1024 });
  // The build (prepack) prints first, brackets and all; npm's JSON is the array that starts a line.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[\s*\{/m))) as Array<{
    filename: string;
    size: number;
    files: Array<{ path: string }>;
  }>;
  files = info!.files.map((f) => f.path).sort();
  tarballBytes = info!.size;

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-consumer', private: true, type: 'module' }, null, 2));
  // A real install: no link to this checkout's node_modules. Cached tarballs are used; metadata comes from the registry.
  const installed = await inApp(npm, [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    join(work, info!.filename),
    `typescript@${nodeModule('typescript')}`,
    `@types/node@${nodeModule('@types/node')}`,
    `jose@${nodeModule('jose')}`,
  ]);
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed: ${installed.stderr}`);
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// Each step spawns node, npm or tsc on a machine that may be busy: generous timeouts, no timing asserted.
describe('the packed tarball', { timeout: 300_000 }, () => {
  it('holds the build, the bin and the README, and no sources, tests, fixtures, CI files or images', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'harness/bin.mjs',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/mocks.js',
        'dist/mocks.d.ts',
        'dist/vitest.js',
        'dist/vitest.d.ts',
        'dist/main.js',
        'dist/refill-key-pool.js',
        'dist/schema/report.v1.json',
      ]),
    );
    expect(files.filter((f) => /\.test\.|\.spec\.|fixtures|^\.ci|\.png$|(?<!\.d)\.ts$/.test(f))).toEqual([]);
    expect(files.every((f) => f.startsWith('dist/') || ['package.json', 'README.md', 'harness/bin.mjs', 'LICENSE'].includes(f))).toBe(true);
    // The dependencies a start needs are bundled into dist/ (tsup.config.ts), hence more than the package's own code
    // (measured 611 kB with undici's client bundled for the request path).
    expect(tarballBytes).toBeLessThan(700_000);
  });

  it('starts each command with only what it needs, bundled: the CLI is commander, gauntlet idp adds jose and nothing of the harness', () => {
    const dist = join(app, 'node_modules', 'token-gauntlet', 'dist');
    // Every package a file imports before it runs (static imports, followed through the package's own chunks).
    // Every package a file imports before it runs (static imports, followed through the package's own chunks), and the text it loads.
    const staticLoad = (file: string, seen = new Set<string>(), text = { all: '' }): { packages: Set<string>; text: string } => {
      const packages = new Set<string>();
      if (!seen.has(file)) {
        seen.add(file);
        const code = readFileSync(join(dist, file), 'utf8');
        text.all += code;
        for (const m of code.matchAll(/(?:^|[;}])\s*import\s*(?:[^'";]*?\s*from\s*)?["']([^"']+)["']/gm)) {
          const spec = m[1]!;
          if (spec.startsWith('./')) for (const p of staticLoad(spec.slice(2), seen, text).packages) packages.add(p);
          else if (!spec.startsWith('node:')) packages.add(spec);
        }
      }
      return { packages, text: text.all };
    };
    // What each bundled dependency leaves in the text it is in.
    const marks = {
      commander: 'commander.unknownCommand',
      jose: 'JWSSignatureVerificationFailed',
      zod: 'ZodType',
      'fast-check': 'Symbol.for("fast-check/',
      '@peculiar/x509 (tsyringe)': 'requires a reflect polyfill',
    };
    const holds = (text: string) => Object.entries(marks).flatMap(([name, mark]) => (text.includes(mark) ? [name] : []));
    // main.js (with harness/cli/start.ts) reads a plain `gauntlet idp` itself (harness/cli/idp-args.ts): no commander;
    // every other command imports cli.ts, which brings it.
    const main = staticLoad('main.js');
    expect([...main.packages]).toEqual([]);
    expect(holds(main.text)).toEqual([]);
    const cli = [...readFileSync(join(dist, 'main.js'), 'utf8').matchAll(/import\("\.\/(cli-[^"]+\.js)"\)/g)].map((m) => m[1]!);
    expect(cli).toHaveLength(1);
    expect(holds(staticLoad(cli[0]!).text)).toEqual(['commander']);
    const idpChunk = readdirSync(dist).find((f) => /^idp-command-.+\.js$/.test(f));
    expect(idpChunk).toBeDefined();
    const idp = staticLoad(idpChunk!);
    expect([...idp.packages]).toEqual([]);
    expect(holds(idp.text)).toEqual(['jose']);
  });

  it('gives a strict TypeScript consumer types that compile with skipLibCheck false', async () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        include: ['check.ts'],
      }),
    );
    writeFileSync(
      join(app, 'check.ts'),
      `import { defineConfig, defineScenario, catalogue, rfc, type Report } from 'token-gauntlet';
import { MockIdp, startIdp, idpHandlers, type ForgedToken, type RunningIdp } from 'token-gauntlet/mocks';
import type { GauntletSuiteOptions } from 'token-gauntlet/vitest';

export const audEmpty = defineScenario({
  id: 'aud-empty',
  title: 'Token whose aud is an empty array',
  category: 'identity',
  refs: [rfc(7519, '4.1.3')],
  expect: 'IT',
  resolution: 'Require your own identifier in aud.',
  async probes(ctx) {
    return { credential: { kind: 'token', token: await ctx.forge({ claims: { aud: [] } }) } };
  },
});
export const config = defineConfig({ target: 'http://127.0.0.1:8080', audience: 'https://orders.example', endpoints: ['GET /orders'] });
export const options: GauntletSuiteOptions = { scenarios: [audEmpty] };
export const ids: string[] = catalogue.map((s) => s.id);
export async function mint(): Promise<string> {
  const idp = await MockIdp.create({ issuer: 'https://idp.test' });
  const forged: ForgedToken = await idp.minter.baseline(['orders:read']);
  return forged.token + idpHandlers(idp).length;
}
export const start: () => Promise<RunningIdp> = () => startIdp();
export const failed = (r: Report): number => r.summary.failed;
`,
    );
    const tsc = await inApp(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('serves the mock IdP to a plain node ESM script, whose token jose verifies and whose expired token jose refuses', async () => {
    writeFileSync(
      join(app, 'mint.mjs'),
      `import { startIdp } from 'token-gauntlet/mocks';
import { createRemoteJWKSet, jwtVerify } from 'jose';
const running = await startIdp({ shape: { audience: 'https://orders.example' } });
const { idp } = running;
const verify = (t) => jwtVerify(t, createRemoteJWKSet(new URL(idp.jwksUri)), { issuer: idp.issuer, audience: 'https://orders.example', typ: 'at+jwt' });
const { payload } = await verify((await idp.minter.baseline(['orders:read'])).token);
const expired = await verify((await idp.minter.forge({ claims: { exp: idp.clock.now() - 3600 } })).token).then(() => 'accepted', (e) => e.code);
await running.close();
console.log(JSON.stringify({ scope: payload.scope, expired }));
`,
    );
    const out = await inApp(process.execPath, ['mint.mjs']);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ scope: 'orders:read', expired: 'ERR_JWT_EXPIRED' });
  });

  it('mints tokens in a node:test file', async () => {
    writeFileSync(
      join(app, 'idp.test.mjs'),
      `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MockIdp } from 'token-gauntlet/mocks';
import { createLocalJWKSet, jwtVerify } from 'jose';

test('a baseline verifies against the JWKS, a token with another audience does not', async () => {
  const idp = await MockIdp.create({ issuer: 'https://idp.test', algs: ['ES256'], shape: { audience: 'api' } });
  const jwks = createLocalJWKSet(idp.keys.jwks());
  const { payload } = await jwtVerify((await idp.minter.baseline()).token, jwks, { issuer: 'https://idp.test', audience: 'api' });
  assert.equal(payload.iss, 'https://idp.test');
  const other = (await idp.minter.forge({ claims: { aud: 'someone-else' } })).token;
  await assert.rejects(jwtVerify(other, jwks, { issuer: 'https://idp.test', audience: 'api' }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
});
`,
    );
    const out = await inApp(process.execPath, ['--test', 'idp.test.mjs']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^# pass 1$/m);
    expect(out.stdout).toMatch(/^# fail 0$/m);
  });

  it('runs "npx --no-install gauntlet run" with a TypeScript config against the reference API at a URL', async () => {
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    // The reference API from this checkout (it is not in the package), trusting the IdP the run starts on idpPort.
    const api = spawn(process.execPath, ['--import', 'tsx', 'mocks/targets/reference/main.ts'], {
      cwd: repo,
      env: { ...process.env, GAUNTLET_ISSUER: issuer, GAUNTLET_AUDIENCE: 'https://orders.example', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { url } = JSON.parse(await firstLine(api)) as { url: string };
      writeFileSync(
        join(app, 'gauntlet.config.ts'),
        `import { defineConfig } from 'token-gauntlet';
export default defineConfig({ audience: 'https://orders.example', endpoints: ['GET /orders'], runs: 0, only: ['expired', 'sig-tampered', 'unknown-kid'] });
`,
      );
      const version = await inApp(npm, ['exec', '--no-install', '--', 'gauntlet', '--version']);
      expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
      const run = await inApp(
        'npx',
        [
          '--no-install',
          'gauntlet',
          'run',
          '--target',
          url,
          '--idp-port',
          String(idpPort),
          '--out',
          'gauntlet-reports',
          '--format',
          'json',
        ],
        { NO_COLOR: '1' },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(readFileSync(join(app, 'gauntlet-reports', 'report.json'), 'utf8')) as {
        results: Array<{ scenario: string; verdict: string }>;
      };
      expect(report.results.map((r) => `${r.scenario} ${r.verdict}`).sort()).toEqual([
        'expired pass',
        'sig-tampered pass',
        'unknown-kid pass',
      ]);
      // The run's keys are replaced by the package's own refill process (dist/refill-key-pool.js), after the run exited.
      const pool = join(app, '.gauntlet', 'key-pool');
      while (keyPoolBusy(pool)) await new Promise((resolve) => setTimeout(resolve, 50));
      const pooled = readdirSync(pool).flatMap((kind) => readdirSync(join(pool, kind)).map((f) => join(pool, kind, f)));
      expect(pooled.length).toBeGreaterThan(0);
      expect(pooled.filter((f) => !f.endsWith('.json') || (statSync(f).mode & 0o777) !== 0o600)).toEqual([]);
    } finally {
      await stop(api);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`exited ${code} before its ready line`);
    }),
  ])) as [string];
  return line;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
