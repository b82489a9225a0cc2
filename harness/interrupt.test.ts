import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from './report.ts';

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
