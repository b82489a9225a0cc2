/**
 * The harness's own peak resident set: a `gauntlet run` in a child process against the reference API
 * served from this process (validating locally, as an ordinary target), or the same API answering 50 MB
 * bodies (mocks/targets/misbehaving/huge-body.ts): the figure is the harness's, not the target's.
 *
 * `node --import tsx bench/harness-rss.ts <runs> [reference|huge-body] [--compiled] [gauntlet flags…]`
 * prints one JSON line: runs per endpoint, the target, the exit code and the peak RSS in MiB.
 * Without `--compiled` the child runs the sources through tsx (mocks/targets/misbehaving/peak-rss.ts,
 * as the memory tests do); with it, the command users get from the package: `harness/bin.mjs` running
 * dist/main.js (`npm run build` first), its peak read at exit by bench/rss-at-exit.mjs.
 * `npm run bench` (section 5) runs both targets compiled, against issue 14's and issue 15's goals.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { referenceFor } from '../mocks/targets/reference/gauntlet.config.ts';
import { freePort, serveOnLoopback } from '../mocks/targets/loopback.ts';
import { hugeBody, serveMisbehaving, trustingIssuer } from '../mocks/targets/misbehaving/index.ts';

export type RssTarget = 'reference' | 'huge-body';

export interface HarnessRss {
  runs: number;
  target: RssTarget;
  compiled: boolean;
  /** The child's exit status and the gauntlet's own exit code (0: every check passed, 1: findings). */
  exit: number | null;
  code?: number;
  errors?: string[];
  peakRssMiB: number;
  seconds: number;
}

const root = fileURLToPath(new URL('../', import.meta.url));
const peakRss = fileURLToPath(new URL('../mocks/targets/misbehaving/peak-rss.ts', import.meta.url));
const atExit = fileURLToPath(new URL('./rss-at-exit.mjs', import.meta.url));
const bin = fileURLToPath(new URL('../harness/bin.mjs', import.meta.url));

/** One `gauntlet run --runs <runs>` on two endpoints against `kind`, in a child process: its peak RSS. */
export async function harnessRss(runs: number, kind: RssTarget, compiled: boolean, extra: string[] = []): Promise<HarnessRss> {
  const port = await freePort();
  const env = trustingIssuer(`http://127.0.0.1:${port}`);
  const target =
    kind === 'huge-body'
      ? await serveMisbehaving(hugeBody, env)
      : // Its IdP timeout is generous: on a loaded machine the child's first JWKS answer can take longer than 400 ms, and this measures memory, not speed.
        await serveOnLoopback(
          createReferenceApi(referenceFor(env, { introspection: undefined, clientIdHeader: undefined, idpTimeoutMs: 2000 })),
        );
  try {
    const args = compiled ? ['--import', atExit, bin] : ['--import', 'tsx', peakRss];
    args.push('run', '--target', target.url, '--idp-port', String(port), '--endpoint', 'GET /orders', '--endpoint', 'GET /admin admin');
    args.push('--revocation', 'none', '--leeway', '60', '--max-lifetime', '7200', '--runs', String(runs), '--seed', '7');
    args.push('--out', mkdtempSync(join(tmpdir(), 'gauntlet-rss-')), '--quiet', ...extra);
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GAUNTLET_COMPILED: compiled ? '1' : '0' },
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = stdout.trim().split('\n').at(-1) ?? '';
    const last = (line.startsWith('{') ? JSON.parse(line) : {}) as { code?: number; errors?: string[]; maxRssBytes?: number };
    return {
      runs,
      target: kind,
      compiled,
      exit,
      code: last.code,
      errors: last.errors,
      peakRssMiB: Math.round((last.maxRssBytes ?? 0) / 1048576),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await target.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [runsArg = '10000', kind = 'reference', ...rest] = process.argv.slice(2);
  const compiled = rest.includes('--compiled');
  const extra = rest.filter((a) => a !== '--compiled');
  console.log(JSON.stringify(await harnessRss(Number(runsArg), kind as RssTarget, compiled, extra)));
}
