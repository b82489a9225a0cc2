/**
 * The import rules (.dependency-cruiser.cjs, harness/DESIGN.md "Which way imports run") hold for the
 * whole tree, and the checker does catch a cycle: a two-file cycle written to a temporary folder is
 * reported by the same command and config.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const TREE = ['harness', 'scenarios', 'mocks', 'reports', 'bench', 'test-support'];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

async function cruise(paths: string[]): Promise<Violation[]> {
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, [DEPCRUISE, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const show = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`;

describe('import rules', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'gauntlet-deps-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('no cycle, scenarios use only harness/core, core is a leaf, the IdP stands alone', async () => {
    expect((await cruise(TREE)).map(show)).toEqual([]);
  }, 60_000);

  it('reports a cycle when there is one', async () => {
    writeFileSync(join(scratch, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
    writeFileSync(join(scratch, 'b.ts'), "import { a } from './a.ts';\nexport const b = () => a;\n");
    const found = await cruise([scratch]);
    expect(found.map((v) => v.rule.name)).toContain('no-circular');
  }, 60_000);
});
