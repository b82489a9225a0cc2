import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'harness/bin.mjs');
const gauntlet = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f.startsWith('.')) return [];
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the small ones', () => {
  it('"gauntlet list | head" ends quietly when the reader closes the pipe (EPIPE)', async () => {
    const child = spawn(process.execPath, [bin, 'list', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Like a head that has read its fill: the pipe is closed while gauntlet still has all of its 30 kB to write.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('a port outside 0–65535, a target URL without a scheme and a negative --runs get one line each', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['run', '--target', 'http://127.0.0.1:1', '--endpoint', 'GET /x', '--idp-port', '70000'],
        /--idp-port must be a port from 0 to 65535 \(0 = any free port\), got "70000"/,
      ],
      [['idp', '--port', '-1'], /--port must be a port from 0 to 65535/],
      [
        ['run', '--target', 'localhost:3000', '--endpoint', 'GET /x'],
        /^gauntlet: target "localhost:3000" has no http:\/\/ or https:\/\/ scheme; write it like --target http:\/\/localhost:3000$/,
      ],
      [['run', '--target', 'http://127.0.0.1:1', '--endpoint', 'GET /x', '--runs', '-1'], /--runs must be 0 or more, got -1/],
    ];
    for (const [args, message] of cases) {
      const r = gauntlet(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd(), args.join(' ')).toMatch(message);
    }
  }, 120_000);

  it('every README section an error message or flag help cites exists', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const headings = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()));
    const cited = new Map<string, string>();
    for (const file of ['harness', 'reports', 'scenarios'].flatMap((d) => files(join(root, d)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/README(?:'s|,)? "([^"]+)"/g)) cited.set(m[1]!, file.slice(root.length));
    }
    expect(cited.size).toBeGreaterThan(3);
    const missing = [...cited].filter(([section]) => !headings.has(section)).map(([section, file]) => `${section} (${file})`);
    expect(missing).toEqual([]);
  });

  it('the README runs the command with npx --no-install, never a bare npx gauntlet', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npx --no-install gauntlet run');
    expect(readme).not.toMatch(/npx gauntlet/);
  });
});
