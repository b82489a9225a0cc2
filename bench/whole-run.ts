/**
 * Part 6: whole gauntlet runs against the reference API, as a user starts them: the compiled CLI
 * (`GAUNTLET_COMPILED=1 node harness/bin.mjs run`, what an installed package runs) with `npm start`'s
 * configuration (mocks/targets/reference/gauntlet.config.ts: the reference API waits 400 ms for the IdP),
 * `--runs 0`, from spawn to exit, in alternated rounds of three variants:
 * - the default concurrency (scenarios side by side);
 * - `--concurrency 1` (one scenario × endpoint at a time): what the concurrency buys;
 * - the first without the two scenarios that stall the IdP (`jwks-down`, `introspection-down`): the
 *   first's extra time, divided by the reference's 400 ms IdP timeout, is how many stall windows a run
 *   waits out one after another (one: jwks-down's, alone; introspection-down's hides behind the others).
 * Each report's counts are read from its report.json, so a run that judged less cannot look fast. A round
 * starts once the previous run's key-pool refill (a detached process, after it exits) has finished.
 * Then properties alone (`--runs 1000`, seed 1) in this process, as before: the cost of `--runs`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig, type UserConfig } from '../harness/config.ts';
import { run } from '../harness/run.ts';
import { startReferenceApi } from '../mocks/targets/reference/app.ts';
import { NPM_START_IDP_TIMEOUT_MS } from '../mocks/targets/reference/gauntlet.config.ts';
import { poolSettled } from './cold-start.ts';
import { aFirst, bench, fixed, median, ratio } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export interface WholeVariant {
  name: string;
  what: string;
  args: string[];
}

export const WHOLE_VARIANTS: WholeVariant[] = [
  {
    name: 'default concurrency',
    what: "`npm start`'s configuration, compiled CLI, `--runs 0`",
    args: ['--config', 'mocks/targets/reference/gauntlet.config.ts'],
  },
  {
    name: '`--concurrency 1`',
    what: 'the same, one scenario × endpoint at a time',
    args: ['--config', 'mocks/targets/reference/gauntlet.config.ts', '--concurrency', '1'],
  },
  {
    name: 'without the two stall scenarios',
    what: 'the same as the first with `--skip jwks-down,introspection-down`: what their waits add to a run',
    args: ['--config', 'mocks/targets/reference/gauntlet.config.ts', '--skip', 'jwks-down,introspection-down'],
  },
];

export interface WholeRound {
  ms: number;
  code: number | null;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface WholeRunResult {
  variants: Array<{ variant: WholeVariant; rounds: WholeRound[] }>;
  npmStartIdpTimeoutMs: number;
  propertyCases: number;
  properties: number;
  propertyMs: number;
}

async function oneRun(v: WholeVariant): Promise<WholeRound> {
  const out = mkdtempSync(join(tmpdir(), 'bench-whole-'));
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['harness/bin.mjs', 'run', ...v.args, '--runs', '0', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, GAUNTLET_COMPILED: '1', NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const ms = performance.now() - t0;
    const s = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { summary: Omit<WholeRound, 'ms' | 'code'> }).summary;
    return { ms, code, total: s.total, passed: s.passed, failed: s.failed, skipped: s.skipped };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Needs the compiled CLI (`npm run build`; part 2 builds it, `BENCH_PART=whole` too). */
export async function wholeRun(log: (line: string) => void = () => {}): Promise<WholeRunResult> {
  const { rounds } = bench();
  const variants = WHOLE_VARIANTS.map((variant) => ({ variant, rounds: [] as WholeRound[] }));
  // One unmeasured run of each first: the key pool, tsx's transform cache and the page cache are warm for every round.
  for (const v of WHOLE_VARIANTS) await oneRun(v);
  for (let i = 0; i < rounds; i++) {
    const order = aFirst(i) ? variants : [...variants].reverse();
    for (const v of order) {
      // The previous run's key-pool refill (a detached process) is done first: it would share the CPU.
      await poolSettled();
      const r = await oneRun(v.variant);
      v.rounds.push(r);
      log(`  ${v.variant.name}: ${r.total} results in ${r.ms.toFixed(0)} ms (exit ${r.code})`);
    }
  }
  // The same target with property cases only, in this process: the cost of --runs.
  const reference: UserConfig = {
    target: { start: (env) => startReferenceApi({ ...env, introspection: env.introspection }) },
    endpoints: ['GET /orders', 'GET /admin admin'],
  };
  const withProps = await resolveConfig({}, { ...reference, runs: 1000, seed: 1 });
  const t1 = performance.now();
  const propReport = await run(withProps, []);
  const propertyMs = performance.now() - t1;
  return {
    variants,
    npmStartIdpTimeoutMs: NPM_START_IDP_TIMEOUT_MS,
    propertyCases: propReport.properties.reduce((n, p) => n + p.runs, 0),
    properties: propReport.properties.length,
    propertyMs,
  };
}

/** The goal (issue 15): the whole catalogue against the reference API, `--runs 0`, in at most this long. */
export const WHOLE_RUN_GOAL_MS = 2000;

export function wholeSection(w: WholeRunResult, note?: string): string[] {
  const out = ['## 6. Whole runs: `gauntlet run` against the reference API, spawn to exit (compiled CLI)', ''];
  if (note) out.push(note, '');
  out.push('| run | what it does | results (passed, failed, skipped) | exit code | median s | min–max s | s per round |');
  out.push('|---|---|---|---|---|---|---|');
  const med = (name: string): number => median(w.variants.find((v) => v.variant.name === name)?.rounds.map((r) => r.ms) ?? []);
  for (const { variant, rounds } of w.variants) {
    const ms = rounds.map((r) => r.ms);
    const counts = [...new Set(rounds.map((r) => `${r.total} (${r.passed}, ${r.failed}, ${r.skipped})`))].join(' / ');
    const codes = [...new Set(rounds.map((r) => String(r.code)))].join(' / ');
    out.push(
      `| ${variant.name} | ${variant.what} | ${counts} | ${codes} | ${(median(ms) / 1000).toFixed(2)} | ${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} | ${ms.map((x) => (x / 1000).toFixed(2)).join(', ')} |`,
    );
  }
  const [main, sequential, withoutStalls] = WHOLE_VARIANTS.map((v) => med(v.name));
  const windows = (main! - withoutStalls!) / w.npmStartIdpTimeoutMs;
  out.push('', '| goal (issue 15) | goal | median now | verdict |', '|---|---|---|---|');
  const verdict =
    main! <= WHOLE_RUN_GOAL_MS
      ? `**met** (${((WHOLE_RUN_GOAL_MS - main!) / 1000).toFixed(2)} s to spare)`
      : `**missed** by ${((main! - WHOLE_RUN_GOAL_MS) / 1000).toFixed(2)} s (${ratio(main!, WHOLE_RUN_GOAL_MS)}× the goal)`;
  out.push(
    `| the whole catalogue vs the reference API, \`--runs 0\`, spawn to exit | ≤ ${WHOLE_RUN_GOAL_MS / 1000} s | ${(main! / 1000).toFixed(2)} s | ${verdict} |`,
  );
  out.push(
    `| waiting on the reference's IdP timeout (${w.npmStartIdpTimeoutMs} ms), in stall windows waited one after another | one (was four: two scenarios × two endpoints, in sequence) | ${windows.toFixed(1)}: the two stall scenarios add ${((main! - withoutStalls!) / 1000).toFixed(2)} s to the run | ${windows <= 1.25 ? '**met**' : `**missed** by ${(windows - 1).toFixed(1)} window`} |`,
  );
  out.push(`| scenarios side by side vs \`--concurrency 1\` | – | ${ratio(sequential!, main!)}× faster | |`);
  out.push(
    '',
    `Properties only, \`--runs 1000\` on 2 endpoints, seed 1, in the bench process: ${w.propertyCases} cases over ${w.properties} properties in ${(w.propertyMs / 1000).toFixed(1)} s = ${fixed((1000 * w.propertyCases) / w.propertyMs)} cases/s.`,
    '',
  );
  return out;
}

/** Replace section 6 of an existing RESULTS.md (or append it) with a run of that part alone. */
export function replaceWholeSection(text: string, w: WholeRunResult, note: string): string {
  const start = text.indexOf('## 6. ');
  const head = start < 0 ? text.trimEnd() + '\n\n' : text.slice(0, start);
  return head + wholeSection(w, note).join('\n');
}
