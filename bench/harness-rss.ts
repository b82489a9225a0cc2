/**
 * `node --import tsx bench/harness-rss.ts <runs> [reference|huge-body] [gauntlet flags…]`: the peak
 * resident set of a `gauntlet run` in a child process (mocks/targets/misbehaving/peak-rss.ts) against
 * the reference API served from this process (validating locally, as an ordinary target), or the same
 * API answering 50 MB bodies: the figure is the harness's own, not the target's.
 * Prints one JSON line: runs per endpoint, the target, the exit code and the peak RSS in MiB.
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

const [runsArg = '10000', kind = 'reference', ...extra] = process.argv.slice(2);
const root = fileURLToPath(new URL('../', import.meta.url));
const peakRss = fileURLToPath(new URL('../mocks/targets/misbehaving/peak-rss.ts', import.meta.url));
const port = await freePort();
const env = trustingIssuer(`http://127.0.0.1:${port}`);
const target =
  kind === 'huge-body'
    ? await serveMisbehaving(hugeBody, env)
    : await serveOnLoopback(
        createReferenceApi(referenceFor(env, { introspection: undefined, clientIdHeader: undefined, idpTimeoutMs: 400 })),
      );
try {
  const args = [
    '--import',
    'tsx',
    peakRss,
    'run',
    '--target',
    target.url,
    '--idp-port',
    String(port),
    '--endpoint',
    'GET /orders',
    '--endpoint',
    'GET /admin admin',
  ];
  args.push('--revocation', 'none', '--leeway', '60', '--max-lifetime', '7200', '--runs', runsArg, '--seed', '7');
  args.push('--out', mkdtempSync(join(tmpdir(), 'gauntlet-rss-')), '--quiet', ...extra);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { code?: number; errors?: string[]; maxRssBytes?: number };
  console.log(
    JSON.stringify({
      runs: Number(runsArg),
      target: kind,
      exit: code,
      code: last.code,
      errors: last.errors,
      peakRssMiB: Math.round((last.maxRssBytes ?? 0) / 1048576),
    }),
  );
} finally {
  await target.close();
}
