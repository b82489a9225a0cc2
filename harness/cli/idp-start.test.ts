/**
 * `gauntlet idp` answers from its first connection: a client polling the port while it starts gets
 * either no connection or a real answer, never a 5xx, and the first request after the ready line
 * succeeds. (It used to listen before the IdP object existed: the first tens of ms answered 500.)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

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
