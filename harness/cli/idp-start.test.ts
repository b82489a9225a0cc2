/**
 * `gauntlet idp` answers from its first connection: a client polling the port while it starts gets
 * either no connection or a real answer, never a 5xx, and the first request after the ready line
 * succeeds. (It used to listen before the IdP object existed: the first tens of ms answered 500.)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { keyPoolBusy } from '../../mocks/idp/key-pool.ts';

const bin = fileURLToPath(new URL('../bin.mjs', import.meta.url));

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

/** One GET /jwks: its status, or 0 when nothing answered (connection refused or reset). */
function status(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/jwks', agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

it('answers 200 or not at all while it starts, and 200 to the first request after its ready line', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'idp', '--port', String(port), '--algs', 'ES256'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let ready = false;
  const lines = createInterface({ input: child.stdout! });
  const readyLine = once(lines, 'line').then(() => (ready = true));
  const seen: number[] = [];
  try {
    // Poll the port from spawn until the ready line, one request after another.
    while (!ready && child.exitCode === null) seen.push(await status(port));
    await readyLine;
    const first = await status(port);
    expect(seen.filter((s) => s !== 0 && s !== 200)).toEqual([]);
    expect(first).toBe(200);
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}, 60_000);

it('exits when stopped without waiting for the key pool, whose refill process then writes the keys it took', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'gauntlet-idp-pool-'));
  const pool = join(cwd, '.gauntlet', 'key-pool');
  try {
    const child = spawn(process.execPath, [bin, 'idp', '--port', '0', '--algs', 'ES256,EdDSA'], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await once(createInterface({ input: child.stdout! }), 'line');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    // The refill process runs on its own (its .refill-<pid> file marks it); wait for it, then look.
    while (keyPoolBusy(pool)) await sleep(20);
    const kinds = readdirSync(pool).sort();
    // ES256 signing (and spare: one folder), EdDSA signing, the expired-certificate key of the first algorithm.
    expect(kinds).toEqual(['ES256.expired-cert.62985600s', 'ES256.signing.63075600s', 'EdDSA.signing.63075600s']);
    const files = kinds.flatMap((k) => readdirSync(join(pool, k)).map((f) => join(pool, k, f)));
    expect(files.filter((f) => !f.endsWith('.json'))).toEqual([]);
    expect(files).toHaveLength(4);
    expect(files.map((f) => statSync(f).mode & 0o777)).toEqual(files.map(() => 0o600));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}, 60_000);
