/**
 * `gauntlet merge DIR… [--out DIR] [--format …]`: the reports of the shards of one run
 * (`gauntlet run --shard i/n`, one CI job each) as one report, in every format. Exit 0 when the merged
 * run passes its gate, 1 when it fails, 2 when the directories are not the shards of one run.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FORMATS, type Format } from '../config.ts';
import { writeReports } from '../../reports/index.ts';
import { readReport } from '../../reports/validate.ts';
import { mergeReports } from '../adopt/shard.ts';
import { HarnessError } from '../core/errors.ts';
import type { Out } from './out.ts';

export interface MergeFlags {
  out?: string;
  format?: Format[];
}

export async function mergeCommand(dirs: string[], flags: MergeFlags, out: Out): Promise<number> {
  const reports = dirs.map((d) => {
    const file = existsSync(d) && statSync(d).isDirectory() ? join(d, 'report.json') : d;
    if (!existsSync(file))
      throw new HarnessError(
        'ERR_REPORT_INVALID',
        `${d} holds no report.json; pass the --out directory of each "gauntlet run --shard i/n"`,
      );
    return { report: readReport(file), source: file };
  });
  const merged = mergeReports(reports);
  const dir = resolve(flags.out ?? 'reports/merged');
  const paths = writeReports(merged, dir, flags.format?.length ? flags.format : [...FORMATS], { stepSummary: false });
  const s = merged.summary;
  out.log(
    `merged ${reports.length} shards: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored${s.expected ? `, ${s.expected} expected` : ''}`,
  );
  for (const p of paths) out.log(`report: ${p}`);
  const passed = merged.gate ? merged.gate.passed : s.failed === 0 && s.errored === 0;
  return merged.partial ? 2 : passed ? 0 : 1;
}
