import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../report.ts';
import { parseShard, shardOf } from './shard.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
function gauntlet(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'harness/bin.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GAUNTLET_FLAW: 'alg-none-accepted', GITHUB_ACTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** What a run decides, without what differs from one run to the next (times, ports, keys, token ids, request ids). */
function decided(r: Report) {
  return {
    endpoints: r.endpoints,
    profile: r.profile,
    seed: r.seed,
    summary: r.summary,
    results: r.results.map((x) => ({
      scenario: x.scenario,
      endpoint: x.endpoint,
      verdict: x.verdict,
      severity: x.severity,
      failures: x.failures,
      expected: x.expected,
      variants: x.variants,
      status: x.observed?.status,
    })),
    properties: r.properties.map((p) => ({
      property: p.property,
      endpoint: p.endpoint,
      seed: p.seed,
      runs: p.runs,
      verdict: p.verdict,
      path: p.path,
      failures: p.failures.length,
    })),
  };
}

describe('--shard and gauntlet merge', () => {
  it('slices contiguously and covers every item once', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const parts = [1, 2, 3].map((index) => shardOf(items, { index, total: 3 }));
    expect(parts.flat()).toEqual(items);
    expect(parts.map((p) => p.length)).toEqual([2, 2, 3]);
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    for (const bad of ['0/2', '3/2', '1-2', '1/0'])
      expect(() => parseShard(bad)).toThrow(/is not i\/n with 1 ≤ i ≤ n; write it like --shard 1\/2/);
  });

  it('two shards merged decide what one run with the same seed decides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-shard-'));
    const common = [
      'run',
      '--config',
      'mocks/targets/flawed/gauntlet.config.ts',
      '--only',
      'no-credentials,alg-none,expired,wrong-audience,typ-missing',
      '--runs',
      '6',
      '--seed',
      '42',
      '--format',
      'json',
    ];
    // One after another: side by side on a loaded machine, a probe could time out in one run and not the other.
    const one = await gauntlet([...common, '--out', join(dir, 'one')]);
    const a = await gauntlet([...common, '--shard', '1/2', '--out', join(dir, 's1')]);
    const b = await gauntlet([...common, '--shard', '2/2', '--out', join(dir, 's2')]);
    expect([one.status, a.status, b.status, one.stderr + a.stderr + b.stderr]).toEqual([1, 1, 0, '']);
    const merged = await gauntlet(['merge', join(dir, 's2'), join(dir, 's1'), '--out', join(dir, 'merged'), '--format', 'json,markdown']);
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(1);
    const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'report.json'), 'utf8')) as Report;
    expect(read('s1').shard).toEqual({ index: 1, total: 2 });
    expect(read('s2').properties).toEqual([]);
    expect(read('merged').shard).toBeUndefined();
    expect(decided(read('merged'))).toEqual(decided(read('one')));
    expect(read('one').properties.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'merged', 'summary.md'), 'utf8')).toMatch(/^❌ token-gauntlet: 2 of \d+ checks failed/);

    const half = await gauntlet(['merge', join(dir, 's1'), '--out', join(dir, 'half')]);
    expect([half.status, half.stderr]).toEqual([2, 'gauntlet: shard 2/2 missing; pass the report directory of every shard\n']);
    const plain = await gauntlet(['merge', join(dir, 'one'), join(dir, 's1'), '--out', join(dir, 'x')]);
    expect(plain.stderr).toMatch(/one\/report\.json is not the report of a shard/);
  }, 300_000);
});
