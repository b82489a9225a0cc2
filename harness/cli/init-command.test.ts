import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { initCommand } from './init-command.ts';
import { captureOut } from './out.ts';

const bin = fileURLToPath(new URL('../bin.mjs', import.meta.url));
const project = (deps: Record<string, string> | null, gitignore?: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-init-'));
  if (deps) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-api', dependencies: deps }));
  if (gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), gitignore);
  return dir;
};

describe('gauntlet init', () => {
  const cases: Array<[string, Record<string, string> | null, RegExp]> = [
    ['express', { express: '^5.0.0' }, /import \{ createApp \} from '\.\/src\/app\.ts';[\s\S]*target: \{ app: \(env\) => createApp\(/],
    [
      'fastify',
      { fastify: '^5.0.0' },
      /import \{ buildServer \} from '\.\/src\/server\.ts';[\s\S]*target: \{ app: \(env\) => buildServer\(/,
    ],
    ['koa', { koa: '^3.0.0', '@koa/router': '^15.0.0' }, /new Koa\(\)[\s\S]*target: \{ app: \(env\) => createApp\(/],
    ['hono', { hono: '^4.0.0' }, /getRequestListener\(createApp\([\s\S]*\)\.fetch\)/],
    ['an API at a URL', null, /target: 'http:\/\/127\.0\.0\.1:3000',\n {2}idp: \{ port: 9400, keys: '\.gauntlet\/keys\.json' \}/],
  ];
  for (const [name, deps, shape] of cases) {
    it(`writes a commented config for ${name}, adds .gauntlet/ and the report folder to .gitignore, prints the next command`, async () => {
      const dir = project(deps, 'node_modules\n');
      const out = captureOut();
      expect(await initCommand({}, out, dir)).toBe(0);
      const config = readFileSync(join(dir, 'gauntlet.config.ts'), 'utf8');
      expect(config).toMatch(shape);
      expect(config).toMatch(/^\/\/ token-gauntlet: /);
      expect(config).toContain("import { defineConfig } from 'token-gauntlet';");
      expect(config).toContain("out: 'reports/gauntlet',");
      expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
        'node_modules\n# token-gauntlet: IdP keys, reports\n.gauntlet/\nreports/gauntlet/\n',
      );
      expect(out.lines[0]).toBe(`wrote gauntlet.config.ts for ${name}; added .gauntlet/, reports/gauntlet/ to .gitignore`);
      expect(out.lines[1]).toMatch(/^next: .*"npx --no-install gauntlet run"$/);
      // Again with --force: the .gitignore is not added to twice.
      expect(await initCommand({ force: true }, captureOut(), dir)).toBe(0);
      expect(readFileSync(join(dir, '.gitignore'), 'utf8').match(/\.gauntlet\//g)).toHaveLength(1);
    });
  }

  it('flags win over package.json; an existing config or a target without a scheme is one line', async () => {
    const dir = project({ express: '^5.0.0' });
    expect(await initCommand({ target: 'https://api.internal:8443' }, captureOut(), dir)).toBe(0);
    expect(readFileSync(join(dir, 'gauntlet.config.ts'), 'utf8')).toContain("target: 'https://api.internal:8443',");
    const refuse = async (flags: Parameters<typeof initCommand>[0]) => {
      try {
        await initCommand(flags, captureOut(), dir);
      } catch (err) {
        if (isHarnessError(err)) return err.message;
      }
      return 'no error';
    };
    expect(await refuse({})).toMatch(/gauntlet\.config\.ts exists; edit it, or pass --force to write a new one over it$/);
    expect(await refuse({ target: 'localhost:3000', force: true })).toBe(
      '--target "localhost:3000" has no http:// or https:// scheme; write it like --target http://127.0.0.1:3000',
    );
  });

  it('asks nothing on the command line: no terminal, exit 0, then exit 2 in one line when run again', () => {
    const dir = project({ koa: '^3.0.0' });
    const first = spawnSync(process.execPath, [bin, 'init'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/^wrote gauntlet\.config\.ts for koa/);
    const again = spawnSync(process.execPath, [bin, 'init', '--framework', 'hono'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^gauntlet: .*gauntlet\.config\.ts exists; edit it, or pass --force to write a new one over it\n$/);
  }, 120_000);
});
