/**
 * Part 5: the harness's own peak RSS (bench/harness-rss.ts: `gauntlet run` in a child process, the
 * compiled CLI as installed from the package), against issue 14's and issue 15's memory goals.
 * BENCH_RSS_RUNS (10000) property cases per endpoint, BENCH_RSS_REPEATS (1) runs of each figure.
 */
import { buildCli } from './build.ts';
import { harnessRss, type HarnessRss, type RssTarget } from './harness-rss.ts';
import { fixed, median } from './stats.ts';

export interface RssFigure {
  figure: string;
  target: RssTarget;
  runs: number;
  /** MiB; undefined: no goal for this row (context). */
  goal?: number;
  issue?: string;
  measured: HarnessRss[];
}

const PLAN: Array<Omit<RssFigure, 'measured' | 'runs'> & { runs: 'cases' | 0 }> = [
  { figure: 'reference API, no property cases (`--runs 0`)', target: 'reference', runs: 0 },
  { figure: 'reference API, property cases on 2 endpoints', target: 'reference', runs: 'cases', goal: 150, issue: '15' },
  { figure: '50 MB answers, the whole catalogue (`--runs 0`)', target: 'huge-body', runs: 0, goal: 250, issue: '14' },
  { figure: '50 MB answers, property cases on 2 endpoints', target: 'huge-body', runs: 'cases', goal: 250, issue: '14' },
];

/** `build`: build the compiled CLI first (tsup, as `npm run build`); the whole bench's part 2 already has. */
export async function harnessMemory(log: (line: string) => void, build = false): Promise<RssFigure[]> {
  if (build) buildCli();
  const cases = Number(process.env.BENCH_RSS_RUNS ?? 10_000);
  const repeats = Number(process.env.BENCH_RSS_REPEATS ?? 1);
  const out: RssFigure[] = [];
  for (const p of PLAN) {
    const runs = p.runs === 'cases' ? cases : 0;
    const measured: HarnessRss[] = [];
    for (let i = 0; i < repeats; i++) {
      const m = await harnessRss(runs, p.target, true);
      log(`  ${p.target} --runs ${runs}: peak ${m.peakRssMiB} MiB in ${m.seconds} s (exit code ${m.code})`);
      measured.push(m);
    }
    out.push({ ...p, runs, measured });
  }
  return out;
}

export function rssSection(figures: RssFigure[], note?: string): string[] {
  const out = ["## 5. The harness's own memory: peak RSS of `gauntlet run` (compiled CLI, in a child process)", ''];
  if (note) out.push(note, '');
  out.push('| run | cases per endpoint | goal | peak RSS MiB (median) | verdict | runs (MiB) | seconds (median) | exit code |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const f of figures) {
    const peaks = f.measured.map((m) => m.peakRssMiB);
    const med = median(peaks);
    const ok = f.measured.every((m) => m.exit === 0 && (m.code === 0 || m.code === 1));
    const verdictText =
      f.goal === undefined
        ? ''
        : !ok
          ? '– (the run failed)'
          : med <= f.goal
            ? `**met** (${fixed(f.goal - med)} MiB to spare)`
            : `**missed** by ${fixed(med - f.goal)} MiB`;
    out.push(
      `| ${f.figure} | ${f.runs} | ${f.goal === undefined ? '–' : `≤ ${f.goal} MiB (issue ${f.issue})`} | ${fixed(med)} | ${verdictText} | ${peaks.join(', ')} | ${fixed(median(f.measured.map((m) => m.seconds)), 1)} | ${f.measured.map((m) => m.code ?? '–').join(', ')} |`,
    );
  }
  out.push('');
  return out;
}

/** Replace (or append) section 5 of an existing RESULTS.md with a run of that part alone. */
export function replaceRssSection(text: string, figures: RssFigure[], note: string): string {
  const start = text.indexOf('## 5. ');
  const head = start < 0 ? text.trimEnd() + '\n\n' : text.slice(0, start);
  const next = text.indexOf('## 6. ');
  return head + rssSection(figures, note).join('\n') + (next > start && start >= 0 ? '\n' + text.slice(next) : '');
}
