/**
 * Part 2: cold start. The compiled CLI (dist/, built here first with `npm run build`'s tsup, run
 * through harness/bin.mjs with GAUNTLET_COMPILED=1, which is what an installed package runs)
 * against oauth2-mock-server started from a tiny script (bench/peer-start.mjs), in alternated starts:
 * - to the first JWKS answer: each side prints one JSON line with its jwks_uri when listening; the
 *   clock stops when that JWKS has been fetched;
 * - `gauntlet run` to its first probe: a bare HTTP target in this process notes when the first
 *   request reaches it (the baseline probe); the run is then stopped;
 * - spawn to exit for `--version` and `node -e ""` (what loading alone costs; the floor); a whole
 *   `gauntlet run` of the reference config, spawn to exit, is part 6 (whole-run.ts);
 * - after every start, the key pool's refill process (mocks/idp/key-pool.ts) is waited for, so the next
 *   start finds the pool as a user's next command does and does not share the CPU with it.
 * The same starts through the TypeScript sources (tsx, as a checkout runs them) show where it came from.
 */
import { spawn } from 'node:child_process';
import { buildCli } from './build.ts';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { keyPoolBusy } from '../mocks/idp/key-pool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The pool a start from ROOT takes its keys from (harness/cli/start.ts: .gauntlet/key-pool/ under the working directory). */
const POOL = join(ROOT, '.gauntlet', 'key-pool');

/** Until the refill processes the last start left are done (at most 30 s: a stuck one only costs that start's pool). */
export async function poolSettled(): Promise<void> {
  for (const until = performance.now() + 30_000; keyPoolBusy(POOL) && performance.now() < until;) await sleep(10);
}

export interface StartVariant {
  name: string;
  what: string;
  args: string[];
  env?: Record<string, string>;
  /** 'exit': no server, the clock stops when the process exits; 'probe': when the first request reaches the target. */
  until?: 'jwks' | 'exit' | 'probe';
}

export interface ColdStartResult {
  variant: StartVariant;
  ms: number[];
  keys: number;
}

/** A target that only notes when its first request arrives (and answers 401: the run stops there). */
async function probeTarget(): Promise<{ server: Server; url: string; next(): Promise<number> }> {
  let waiting: ((t: number) => void) | undefined;
  const server = createServer((req, res) => {
    waiting?.(performance.now());
    waiting = undefined;
    req.resume();
    res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', connection: 'close' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, next: () => new Promise<number>((resolve) => (waiting = resolve)) };
}

/** Spawn, wait for what `until` names, stop: milliseconds from spawn to that moment. */
async function coldStart(v: StartVariant, target: Awaited<ReturnType<typeof probeTarget>>): Promise<{ ms: number; keys: number }> {
  const until = v.until ?? 'jwks';
  const firstProbe = until === 'probe' ? target.next() : undefined;
  const t0 = performance.now();
  const child = spawn(process.execPath, v.args, {
    cwd: ROOT,
    env: { ...process.env, ...v.env },
    stdio: ['ignore', 'pipe', until === 'probe' ? 'ignore' : 'inherit'],
  });
  const exited = once(child, 'exit');
  if (until === 'exit') {
    child.stdout.resume();
    const [code] = (await exited) as [number];
    const ms = performance.now() - t0;
    if (code !== 0) throw new Error(`${v.args.join(' ')} exited ${code}`);
    await poolSettled();
    return { ms, keys: 0 };
  }
  try {
    if (firstProbe) {
      child.stdout.resume();
      const t = await Promise.race([
        firstProbe,
        exited.then(([code]) => Promise.reject(new Error(`${v.args.join(' ')} exited (${code}) before its first probe`))),
      ]);
      return { ms: t - t0, keys: 0 };
    }
    const lines = createInterface({ input: child.stdout });
    const [line] = (await Promise.race([
      once(lines, 'line'),
      exited.then(([code]) => {
        throw new Error(`${v.args.join(' ')} exited (${code}) before its ready line`);
      }),
    ])) as [string];
    const { jwks_uri } = JSON.parse(line) as { jwks_uri: string };
    const res = await fetch(jwks_uri);
    const jwks = (await res.json()) as { keys: unknown[] };
    const ms = performance.now() - t0;
    if (!res.ok || !jwks.keys.length) throw new Error(`${jwks_uri}: ${res.status}, ${jwks.keys?.length} keys`);
    return { ms, keys: jwks.keys.length };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    // The start's replacements for the keys it took (a detached refill process) are written before the next start.
    await poolSettled();
  }
}

export async function coldStarts(starts: number, log: (line: string) => void): Promise<ColdStartResult[]> {
  buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  const keysFile = join(dir, 'keys.json');
  const target = await probeTarget();
  const compiled = { GAUNTLET_COMPILED: '1' };
  const idp = ['harness/bin.mjs', 'idp', '--port', '0'];
  const run = [
    'harness/bin.mjs',
    'run',
    '--target',
    target.url,
    '--endpoint',
    'GET /orders',
    '--runs',
    '0',
    '--format',
    'json',
    '--out',
    join(dir, 'out'),
    '--quiet',
  ];
  const variants: StartVariant[] = [
    {
      name: 'gauntlet idp',
      what: 'compiled; all four algorithms, keys from the key pool (.gauntlet/key-pool/, refilled by the previous start)',
      args: idp,
      env: compiled,
    },
    {
      name: 'gauntlet idp, no key pool',
      what: 'compiled; GAUNTLET_KEY_POOL=off: generates four RSA keys (RS256, PS256, the expired-certificate and the spare key), an EC and an Ed25519 key and their certificates, as a first start does',
      args: idp,
      env: { ...compiled, GAUNTLET_KEY_POOL: 'off' },
    },
    {
      name: 'gauntlet idp --keys file',
      what: 'compiled; keys loaded from a file made by an earlier start',
      args: [...idp, '--keys', keysFile],
      env: compiled,
    },
    { name: 'gauntlet idp (sources)', what: 'a checkout: the TypeScript sources through tsx, key pool on', args: idp },
    { name: 'oauth2-mock-server', what: 'bench/peer-start.mjs: one RS256 key, plain JavaScript', args: ['bench/peer-start.mjs'] },
    {
      name: 'gauntlet run, to its first probe',
      what: 'compiled; spawn to the baseline probe reaching the target (key pool on)',
      args: run,
      env: compiled,
      until: 'probe',
    },
    { name: 'gauntlet run, to its first probe (sources)', what: 'a checkout: the same through tsx', args: run, until: 'probe' },
    {
      name: 'gauntlet --version',
      what: 'compiled; spawn to exit, no server: loading the CLI alone',
      args: ['harness/bin.mjs', '--version'],
      env: compiled,
      until: 'exit',
    },
    { name: 'node -e ""', what: 'spawn to exit: the floor, Node itself', args: ['-e', ''], until: 'exit' },
  ];
  try {
    // Not counted: the first --keys start writes the file, the first starts fill the key pool; one start of each warms the disk cache.
    for (const v of variants) await coldStart(v, target);
    const results: ColdStartResult[] = variants.map((variant) => ({ variant, ms: [], keys: 0 }));
    for (let i = 0; i < starts; i++) {
      const order = i % 2 === 0 ? results : [...results].reverse();
      for (const r of order) {
        const { ms, keys } = await coldStart(r.variant, target);
        r.ms.push(ms);
        r.keys = keys;
      }
      log(`  start ${i + 1}: ${results.map((r) => `${r.variant.name} ${r.ms.at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }
    return results;
  } finally {
    target.server.closeAllConnections();
    target.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
