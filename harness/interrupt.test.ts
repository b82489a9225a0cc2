import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from './report.ts';
import { freePort } from '../mocks/targets/loopback.ts';
import { hang, serveMisbehaving, trustingIssuer } from '../mocks/targets/misbehaving/index.ts';

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const reference = fileURLToPath(new URL('../mocks/targets/reference/app.ts', import.meta.url));

describe('an interrupted run', () => {
  it('writes the reports of what finished, marked partial, and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-sigint-'));
    // The reference API behind a 150 ms delay, so the run is still going when SIGINT arrives.
    writeFileSync(
      join(dir, 'gauntlet.config.ts'),
      `import { createServer } from 'node:http';
import { createReferenceApi } from ${JSON.stringify(reference)};
export default {
  target: {
    start: async (env) => {
      const api = createReferenceApi({ ...env, introspection: env.introspection });
      const server = createServer((req, res) => setTimeout(() => api(req, res), 150));
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      return { url: 'http://127.0.0.1:' + server.address().port, close: () => new Promise((r) => server.close(r)) };
    },
  },
  endpoints: ['GET /orders', 'GET /admin admin'],
  out: 'out',
  format: ['json'],
};
`,
    );
    const child = spawn(process.execPath, [bin, 'run'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve) => lines.on('line', (l) => l.startsWith('PASS') && resolve()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    expect(report.partial).toBe(true);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.length).toBeLessThan(report.endpoints.length * 18);
    expect(report.summary.total).toBe(report.results.length);
  });
});

describe('Ctrl-C while a request hangs', () => {
  it('abandons the request in flight instead of waiting out its timeout (here ten minutes), and exits 130 with the reports', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    let hanging!: () => void;
    const hung = new Promise<void>((resolve) => (hanging = resolve));
    // Answers a valid token, and never answers anything else.
    const target = await serveMisbehaving({ ...hang, act: () => hanging() }, trustingIssuer(issuer));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'gauntlet-sigint-hang-'));
      const args = [
        'run',
        '--target',
        target.url,
        '--idp-port',
        String(port),
        '--endpoint',
        'GET /orders',
        '--revocation',
        'none',
        '--timeout',
        '600000',
        '--out',
        dir,
        '--format',
        'json',
      ];
      const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await hung;
      child.kill('SIGINT');
      // Without the abort reaching the request, this would wait for its ten-minute timeout (and the test time out).
      expect(await exit).toBe(130);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
      expect(report).toMatchObject({ partial: true, stop: { cause: 'interrupted' } });
    } finally {
      await target.close();
    }
  });
});
