/**
 * Sharding (--shard i/n) and merging (`gauntlet merge DIR…`). A shard runs the i-th of n contiguous
 * slices of the scenarios selected (catalogue order), and the property cases only in shard 1 (so a
 * fixed --seed gives the same cases as one run). Merging concatenates the slices in shard order, so the
 * merged report lists what one run with the same selection and seed lists.
 */
import { HarnessError } from '../core/errors.ts';
import { summarize, type Report } from '../report.ts';
import type { Gate, StaleEntry } from './gate.ts';

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) {
    throw new HarnessError(
      'ERR_FLAG_INVALID',
      `--shard "${v}" is not i/n with 1 ≤ i ≤ n; write it like --shard 1/2 (and 2/2 in the other job)`,
    );
  }
  return { index, total };
}

/** The i-th of n contiguous slices. */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.total);
  const to = Math.floor((shard.index * items.length) / shard.total);
  return items.slice(from, to);
}

/** One report from the reports of every shard of one run. */
export function mergeReports(reports: ReadonlyArray<{ report: Report; source: string }>): Report {
  if (reports.length === 0)
    throw new HarnessError('ERR_FLAG_INVALID', 'merge needs the report directories of the shards; pass one DIR per shard');
  const missing = reports.find((r) => !r.report.shard);
  if (missing)
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `${missing.source} is not the report of a shard (it has no "shard"); merge the reports of "gauntlet run --shard i/n" runs`,
    );
  const total = reports[0]!.report.shard!.total;
  const byIndex = new Map<number, { report: Report; source: string }>();
  for (const r of reports) {
    const s = r.report.shard!;
    if (s.total !== total)
      throw new HarnessError(
        'ERR_REPORT_INVALID',
        `${r.source} is shard ${s.index}/${s.total}, the others are of ${total}; merge the shards of one run`,
      );
    if (byIndex.has(s.index))
      throw new HarnessError(
        'ERR_REPORT_INVALID',
        `${r.source} and ${byIndex.get(s.index)!.source} are both shard ${s.index}/${total}; pass each shard once`,
      );
    byIndex.set(s.index, r);
  }
  const absent = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (absent.length)
    throw new HarnessError(
      'ERR_REPORT_INVALID',
      `shard${absent.length > 1 ? 's' : ''} ${absent.map((i) => `${i}/${total}`).join(', ')} missing; pass the report directory of every shard`,
    );
  const ordered = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, r]) => r.report);
  const first = ordered[0]!;
  const results = ordered.flatMap((r) => r.results);
  const properties = ordered.flatMap((r) => r.properties);
  const gates = ordered.map((r) => r.gate).filter((g): g is Gate => !!g);
  const files = gates.map((g) => g.expectedFailures).filter((x) => !!x);
  const gate: Gate | undefined = gates.length
    ? {
        failOn: gates[0]!.failOn,
        expectedFailures: files.length
          ? {
              file: files[0]!.file,
              entries: files[0]!.entries,
              matched: files.reduce((n, x) => n + x.matched, 0),
              stale: files.flatMap((x) => x.stale as StaleEntry[]),
            }
          : null,
        belowThreshold: gates.reduce((n, g) => n + g.belowThreshold, 0),
        passed: gates.every((g) => g.passed),
      }
    : undefined;
  const stop = ordered.map((r) => r.stop).find((s) => s !== null) ?? null;
  const { shard: _shard, ...rest } = first;
  return {
    ...rest,
    startedAt: ordered.map((r) => r.startedAt).sort()[0]!,
    finishedAt: ordered
      .map((r) => r.finishedAt)
      .sort()
      .at(-1)!,
    partial: ordered.some((r) => r.partial),
    stop,
    ...(gate ? { gate } : {}),
    summary: summarize(results, properties),
    results,
    properties,
  };
}
