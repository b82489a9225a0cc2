/**
 * Repeatability check for the third-party validators: run the whole catalogue against each one N times
 * in a row (a fresh IdP and target each time, each validator with its own leeway, validators.ts) and
 * say, per validator, how many runs were judged, whether the verdicts were identical in every judged
 * run, and which rows or observed-policy values moved.
 *
 *   node --import tsx mocks/targets/third-party/repeat.ts [name ...] [--times N] [--skip id,id] [--json FILE]
 *
 * No name: the six child entries; `all`: all eight validators. A run is judged when it ends with a
 * report that has no stop and no errored row (what `gauntlet run` would exit 0 or 1 for); one that
 * throws is aborted; one whose report stops (baseline refused, target lost) is stopped. The verdict
 * of a run is every non-passing row (findingLine, or the skip reason) and the observed policy; a row
 * that passed by a connection reset rather than an HTTP refusal is counted, not compared (both pass).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OBSERVED_KEYS } from '../../../harness/core/observed-policy.ts';
import type { Report } from '../../../harness/report.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { findingLine } from './findings.ts';
import { CHILDREN, VALIDATORS, validator, type Validator } from './validators.ts';

export interface RunOutcome {
  outcome: 'judged' | 'stopped' | 'aborted';
  /** Why a run stopped or aborted. */
  reason?: string;
  ms: number;
  /** The verdict lines: failing rows, skipped rows with their reason, and `observed <key>: <value>`. */
  lines: string[];
  /** Passing rows whose refusal was a connection reset (`refused by ending the connection`). */
  resets: string[];
}

export interface Repeatability {
  validator: string;
  leeway: number;
  runs: RunOutcome[];
  judged: number;
  /** Lines not in every judged run, with how many judged runs had them. */
  moved: Array<{ line: string; in: number }>;
  identical: boolean;
}

export function verdictLines(report: Report): string[] {
  const rows = report.results.flatMap((r) =>
    r.verdict === 'pass' ? [] : r.verdict === 'skip' ? [`${r.scenario} ${r.endpoint}: skip, ${r.skipReason ?? ''}`] : [findingLine(r)],
  );
  const policy = report.observedPolicy;
  const observed = policy ? OBSERVED_KEYS.map((k) => `observed ${k}: ${JSON.stringify(policy[k])}`) : ['observed: none'];
  return [...rows, ...observed];
}

async function once(v: Validator, skip: readonly string[]): Promise<RunOutcome> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  try {
    const report = await v.run(catalogue.filter((s) => !skip.includes(s.id)));
    const errored = report.results.filter((r) => r.verdict === 'error');
    const resets = report.results
      .filter((r) => r.notes?.some((n) => n.includes('refused by ending the connection')))
      .map((r) => `${r.scenario} ${r.endpoint}`);
    const outcome = report.stop ? 'stopped' : errored.length ? 'aborted' : 'judged';
    const reason =
      report.stop?.message ??
      (errored.length ? `errored rows: ${errored.map((r) => `${r.scenario} ${r.endpoint}: ${r.error}`).join('; ')}` : undefined);
    return { outcome, ...(reason ? { reason } : {}), ms: ms(), lines: verdictLines(report), resets };
  } catch (err) {
    return { outcome: 'aborted', reason: (err as Error).message, ms: ms(), lines: [], resets: [] };
  }
}

export async function repeat(
  v: Validator,
  times: number,
  skip: readonly string[] = [],
  log: (line: string) => void = () => {},
): Promise<Repeatability> {
  const runs: RunOutcome[] = [];
  for (let i = 0; i < times; i++) {
    const run = await once(v, skip);
    runs.push(run);
    const resets = run.resets.length ? `, ${run.resets.length} refused by a reset (${run.resets.join(', ')})` : '';
    log(
      `${v.name} run ${i + 1}: ${run.outcome}${run.reason ? ` (${run.reason})` : ''} in ${run.ms} ms, ${run.lines.length} lines${resets}`,
    );
  }
  const judged = runs.filter((r) => r.outcome === 'judged');
  const all = [...new Set(judged.flatMap((r) => r.lines))];
  const moved = all.map((line) => ({ line, in: judged.filter((r) => r.lines.includes(line)).length })).filter((m) => m.in < judged.length);
  return {
    validator: v.name,
    leeway: v.leeway,
    runs,
    judged: judged.length,
    moved,
    identical: judged.length === times && moved.length === 0,
  };
}

function summary(r: Repeatability): string {
  const times = r.runs.length;
  const ms = r.runs.map((x) => x.ms);
  const head = `${r.validator} (leeway ${r.leeway} s): ${r.judged}/${times} judged, ${r.runs.filter((x) => x.outcome === 'aborted').length} aborted, ${r.runs.filter((x) => x.outcome === 'stopped').length} stopped; ${Math.min(...ms)}-${Math.max(...ms)} ms a run`;
  if (r.judged < 2) return `${head}; fewer than two judged runs: nothing to compare`;
  if (r.moved.length === 0)
    return `${head}; identical verdicts in every judged run (${r.runs.find((x) => x.outcome === 'judged')?.lines.length} lines)`;
  return `${head}; lines not in every judged run:\n${r.moved.map((m) => `  ${m.line} (in ${m.in}/${r.judged})`).join('\n')}`;
}

function usage(message: string): never {
  console.error(`${message} (usage: repeat.ts [name ...|all] [--times N] [--skip id,id] [--json FILE])`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at === -1) return undefined;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--')) usage(`${name} needs a value`);
    args.splice(at, 2);
    return value;
  };
  const times = Number(option('--times') ?? '3');
  if (!Number.isInteger(times) || times < 1) usage('--times must be a whole number of runs, 1 or more');
  const skip = (option('--skip') ?? '').split(',').filter(Boolean);
  const json = option('--json');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) usage(`unknown option ${unknown}`);
  let targets: readonly Validator[];
  try {
    targets = args.length === 0 ? CHILDREN : args.includes('all') ? VALIDATORS : args.map(validator);
  } catch (err) {
    usage((err as Error).message);
  }
  const results: Repeatability[] = [];
  for (const v of targets) {
    results.push(await repeat(v, times, skip, (line) => console.log(line)));
    if (json) writeFileSync(json, `${JSON.stringify({ times, skip, results }, null, 2)}\n`);
  }
  console.log(`\n${results.map(summary).join('\n')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv.slice(2));
