import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../reports/fixtures.ts';
import { captureOut } from './out.ts';
import { annotation, createReporter, pickReporter, recapLines } from './reporters.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(
    process.execPath,
    [
      join(root, 'harness/bin.mjs'),
      'run',
      '--config',
      'mocks/targets/flawed/gauntlet.config.ts',
      '--only',
      'alg-none,no-credentials',
      '--runs',
      '0',
      '--format',
      'json',
      '--out',
      mkdtempSync(join(tmpdir(), 'gauntlet-rep-')),
      ...args,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, GITHUB_ACTIONS: '', GAUNTLET_FLAW: 'alg-none-accepted', ...env },
    },
  );

describe('reporters', () => {
  it('recaps the failures worst first: critical, major, minor, then errors', () => {
    const lines = recapLines(fixtureReport());
    expect(lines[0]).toMatch(/^failures, worst first \(\d+\):$/);
    const order = lines.slice(1).map((l) => l.trim().split(/\s+/)[0]);
    const rank = { critical: 0, major: 1, minor: 2, fail: 3, ERR: 4 } as Record<string, number>;
    expect(order.map((o) => rank[o!])).toEqual([...order.map((o) => rank[o!])].sort((a, b) => a! - b!));
    expect(order[0]).toBe('critical');
    expect(order).toContain('ERR');
  });

  it('annotates for GitHub with its escaping, a minor as a warning, and picks github under GITHUB_ACTIONS', () => {
    const rows = fixtureReport().results;
    const critical = rows.find((r) => r.verdict === 'fail' && r.severity === 'critical')!;
    const a = annotation({ ...critical, failures: ['line one\nline two: 100%'] })!;
    expect(a).toMatch(/^::error title=token-gauntlet%3A \S+ GET \/\S+ \[critical\]::line one%0Aline two: 100%25%0AFix: /);
    const minor = rows.find((r) => r.verdict === 'fail' && r.severity === 'minor')!;
    expect(annotation(minor)).toMatch(/^::warning /);
    expect(annotation(rows.find((r) => r.verdict === 'pass')!)).toBeUndefined();
    expect(pickReporter(undefined, { GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(pickReporter(undefined, {})).toBe('live');
    expect(pickReporter('dots', { GITHUB_ACTIONS: 'true' })).toBe('dots');
  });

  it('dots: one character per check, 80 to a line', () => {
    const out = captureOut();
    const r = createReporter('dots', out);
    const report = fixtureReport();
    for (const row of report.results) r.result(row, 'unused');
    r.end(report, []);
    expect(out.lines[0]).toMatch(/^[.FsEx]+$/);
    expect(out.lines[0]).toHaveLength(report.results.length);
    expect(out.lines[1]).toMatch(/^failures, worst first/);
  });

  it('end to end: json is NDJSON on stdout (human lines on stderr); github prints live lines, annotations and the recap', () => {
    const json = run({}, '--reporter', 'json');
    expect(json.status).toBe(1);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; scenario?: string; verdict?: string; summary?: { failed: number } });
    expect(events.filter((e) => e.event === 'result').map((e) => `${e.scenario} ${e.verdict}`)).toEqual([
      'no-credentials pass',
      'no-credentials pass',
      'alg-none fail',
      'alg-none fail',
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'end', summary: { failed: 2 } });
    expect(json.stderr).toMatch(/^0 passed|2 passed, 2 failed/m);

    const gh = run({ GITHUB_ACTIONS: 'true' });
    expect(gh.stdout).toMatch(/^FAIL alg-none GET \/orders \[critical\]/m);
    expect(gh.stdout).toMatch(
      /^::error title=token-gauntlet%3A alg-none GET \/orders \[critical\]::\[alg "none"\] accepted a token it must reject/m,
    );
    expect(gh.stdout).toMatch(/^failures, worst first \(2\):\n {2}critical alg-none GET \/orders/m);
  }, 120_000);
});
