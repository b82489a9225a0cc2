/**
 * Part 2: cold start, from spawn to the first JWKS answer. `gauntlet idp --port 0` (tsx compiling the
 * TypeScript sources, then generating keys) against oauth2-mock-server started from a tiny script
 * (bench/peer-start.mjs), in alternated starts. Each side prints one JSON line with its jwks_uri when
 * listening; the clock stops when that JWKS has been fetched.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StartVariant {
  name: string;
  what: string;
  args: string[];
  /** 'exit': no server; the clock stops when the process exits (what loading alone costs). */
  until?: 'jwks' | 'exit';
}

export interface ColdStartResult {
  variant: StartVariant;
  ms: number[];
  keys: number;
}

/** Spawn, wait for the ready line, fetch the JWKS, stop: milliseconds from spawn to the JWKS body. */
async function coldStart(args: string[], until: 'jwks' | 'exit' = 'jwks'): Promise<{ ms: number; keys: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  if (until === 'exit') {
    child.stdout.resume();
    const [code] = (await once(child, 'exit')) as [number];
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
    return { ms: performance.now() - t0, keys: 0 };
  }
  try {
    const lines = createInterface({ input: child.stdout });
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${args.join(' ')} exited (${code}) before its ready line`);
      }),
    ])) as [string];
    const { jwks_uri } = JSON.parse(line) as { jwks_uri: string };
    const res = await fetch(jwks_uri);
    const jwks = (await res.json()) as { keys: unknown[] };
    const ms = performance.now() - t0;
    if (!res.ok || !jwks.keys.length) throw new Error(`${jwks_uri}: ${res.status}, ${jwks.keys?.length} keys`);
    return { ms, keys: jwks.keys.length };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

export async function coldStarts(starts: number, log: (line: string) => void): Promise<ColdStartResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  const keysFile = join(dir, 'keys.json');
  const gauntlet = ['harness/bin.mjs', 'idp', '--port', '0'];
  const variants: StartVariant[] = [
    { name: 'gauntlet idp', what: 'defaults: generates RS256, PS256, ES256 and EdDSA keys', args: gauntlet },
    { name: 'gauntlet idp --algs RS256', what: 'one RSA key, as the peer', args: [...gauntlet, '--algs', 'RS256'] },
    { name: 'gauntlet idp --keys file', what: 'all four algorithms, keys loaded from a file made by an earlier start', args: [...gauntlet, '--keys', keysFile] },
    { name: 'oauth2-mock-server', what: 'bench/peer-start.mjs: one RS256 key, plain JavaScript', args: ['bench/peer-start.mjs'] },
    { name: 'gauntlet --version', what: 'spawn to exit, no server: tsx and the CLI\'s imports alone', args: ['harness/bin.mjs', '--version'], until: 'exit' },
    { name: 'node -e ""', what: 'spawn to exit: the floor, Node itself', args: ['-e', ''], until: 'exit' },
  ];
  try {
    // Not counted: the first --keys start writes the file; one start of each warms the disk cache.
    for (const v of variants) await coldStart(v.args, v.until);
    const results: ColdStartResult[] = variants.map((variant) => ({ variant, ms: [], keys: 0 }));
    for (let i = 0; i < starts; i++) {
      const order = i % 2 === 0 ? results : [...results].reverse();
      for (const r of order) {
        const { ms, keys } = await coldStart(r.variant.args, r.variant.until);
        r.ms.push(ms);
        r.keys = keys;
      }
      log(`  start ${i + 1}: ${results.map((r) => `${r.variant.name} ${r.ms.at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
