/** bench/RESULTS.md from one run: the hand-written header (bench/RESULTS.header.md), then the tables. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ColdStartResult } from './cold-start.ts';
import { CONNECTIONS, type EndpointResult, type SideResult } from './idp-load.ts';
import type { LoadRound } from './load.ts';
import type { Machine } from './machine.ts';
import type { MintResult } from './minting.ts';
import type { PathResult } from './request-path.ts';
import { fixed, median, mib, ratio } from './stats.ts';
import { wholeSection, type WholeRunResult } from './whole-run.ts';
import { rssSection, type RssFigure } from './rss.ts';

export interface BenchResults {
  machine: Machine;
  rounds: number;
  seconds: number;
  starts: number;
  /** Load average (1, 5, 15 min) when each part began, and at the end. */
  loads: Array<[string, string]>;
  idp: EndpointResult[];
  cold: ColdStartResult[];
  path: PathResult[];
  mint: MintResult[];
  whole: WholeRunResult;
  rss: RssFigure[];
  seconds_total: number;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const list = (xs: number[], digits = 0): string => xs.map((x) => fixed(x, digits)).join(', ');

/** "0.42 (slower)" / "1.80 (faster)" / "1.03 (same)": within ±10% is noise on this machine. */
function verdict(ours: number, theirs: number, higherIsBetter = true): string {
  const r = ours / theirs;
  if (!Number.isFinite(r)) return '–';
  const better = higherIsBetter ? r : 1 / r;
  const word = better > 1.1 ? 'ours faster' : better < 0.9 ? '**ours slower**' : 'same';
  return `${r.toFixed(2)} (${word})`;
}

function sideRow(endpoint: string, name: string, s: SideResult, ratioCell: string): string {
  const rps = s.rounds.map((r) => r.rps);
  return `| ${endpoint} | ${name} | ${s.bodyBytes} | ${fixed(median(rps))} | ${fixed(median(s.rounds.map((r) => r.p99Ms)))} | ${sum(s.rounds.map((r) => r.errors))} | ${sum(s.rounds.map((r) => r.non2xx))} | ${mib(s.before.rss)} → ${mib(s.after.rss)} (peak ${mib(s.after.maxRss)}) | ${ratioCell} | ${list(rps)} |`;
}

function pathRow(r: PathResult): string {
  const rounds: LoadRound[] = r.rounds;
  const rps = rounds.map((x) => x.rps);
  return `| ${r.mode.name} | ${fixed(median(rps))} | ${fixed(median(rounds.map((x) => x.p99Ms)))} | ${sum(rounds.map((x) => x.errors))} | ${sum(rounds.map((x) => x.non2xx))} | ${list(rps)} |`;
}

export function renderResults(b: BenchResults, headerPath: URL): string {
  const m = b.machine;
  const out: string[] = [readFileSync(headerPath, 'utf8').trimEnd(), ''];
  out.push('<!-- Everything below is written by `npm run bench` (bench/results.ts); edit bench/RESULTS.header.md instead. -->', '');
  out.push(`## Machine and load`, '');
  out.push(
    `- \`nproc\`: ${m.nproc}; CPU: ${m.cpu}; ${m.memoryGiB} GiB; Node ${m.node}; recorded ${m.date}; the whole bench took ${fixed(b.seconds_total)} s.`,
  );
  out.push(
    `- ${b.rounds} alternated rounds of ${b.seconds} s per load figure (after a 1 s warm-up each side), ${b.starts} alternated cold starts per variant.`,
  );
  out.push(
    `- Load average (1, 5, 15 min) ${b.loads.map(([when, l]) => `${when}: ${l}`).join('; ')}. Other sessions share these ${m.nproc} cores: a load above ${m.nproc} means both sides of every comparison ran on a busy machine, which moves absolute numbers far more than ratios.`,
  );
  out.push('');

  out.push(`## 1. The IdP under load: ${CONNECTIONS} concurrent autocannon clients`, '');
  out.push(
    '| endpoint | server | answer bytes | req/s (median) | p99 ms (median) | errors | non-2xx | RSS MiB before → after | ours / peer req/s | req/s per round |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const e of b.idp) {
    const r = verdict(median(e.ours.rounds.map((x) => x.rps)), median(e.peer.rounds.map((x) => x.rps)));
    out.push(sideRow(`\`/${e.endpoint}\``, 'ours (gauntlet)', e.ours, r));
    out.push(sideRow(`\`/${e.endpoint}\``, 'oauth2-mock-server', e.peer, ''));
  }
  out.push('');

  out.push(...coldSection(b.cold, b.starts));

  out.push(...pathSection(b.path));
  out.push('## 4. Minting', '');
  out.push('| algorithm | ours tokens/s (median) | raw jose SignJWT tokens/s (median) | ours / jose |');
  out.push('|---|---|---|---|');
  for (const r of b.mint)
    out.push(`| ${r.alg} | ${fixed(median(r.ours))} | ${fixed(median(r.jose))} | ${verdict(median(r.ours), median(r.jose))} |`);
  out.push('');
  out.push(...rssSection(b.rss));
  out.push('', ...wholeSection(b.whole));
  return out.join('\n');
}

/** Section 2: the cold starts and the goals; `note` goes under the heading (a run of this part alone). */
export function coldSection(cold: ColdStartResult[], starts: number, note?: string): string[] {
  const out: string[] = [`## 2. Cold start: spawn to the first JWKS answer (${starts} alternated starts)`, ''];
  if (note) out.push(note, '');
  out.push('| variant | what it does | median ms | min–max ms | keys in the JWKS | vs oauth2-mock-server (time) |');
  out.push('|---|---|---|---|---|---|');
  const peer = cold.find((c) => c.variant.name === 'oauth2-mock-server');
  for (const c of cold) {
    const med = median(c.ms);
    const vs = c === peer || !peer ? '' : `${ratio(med, median(peer.ms))}× as long`;
    out.push(
      `| \`${c.variant.name}\` | ${c.variant.what} | ${fixed(med)} | ${fixed(Math.min(...c.ms))}–${fixed(Math.max(...c.ms))} | ${c.variant.until === 'exit' ? '(no server)' : c.variant.until === 'probe' ? '–' : c.keys} | ${vs} |`,
    );
  }
  out.push('');
  out.push(...coldStartGoals(cold));
  return out;
}

/** Replace section 2 of an existing RESULTS.md with a run of that part alone. */
export function replaceColdSection(text: string, cold: ColdStartResult[], starts: number, note: string): string {
  const start = text.indexOf('## 2. ');
  const end = text.indexOf('## 3. ');
  if (start < 0 || end < start) throw new Error('RESULTS.md has no section 2 to replace; run the whole bench');
  return text.slice(0, start) + coldSection(cold, starts, note).join('\n') + '\n' + text.slice(end);
}

/** The issue's start-up goals against this run's medians: met, or by how much they are missed. */
function coldStartGoals(cold: ColdStartResult[]): string[] {
  const med = (name: string): number => median(cold.find((c) => c.variant.name === name)?.ms ?? []);
  const floor = med('node -e ""');
  const peer = med('oauth2-mock-server');
  const goal = (figure: string, ms: number, limit: number, extra = ''): string => {
    const verdictText = !Number.isFinite(ms)
      ? '–'
      : ms <= limit
        ? `**met** (${fixed(limit - ms)} ms to spare)`
        : `**missed** by ${fixed(ms - limit)} ms (${ratio(ms, limit)}× the goal)`;
    return `| ${figure} | ≤ ${limit} ms${extra} | ${fixed(ms)} ms | ${verdictText} | ${fixed(ms - floor)} ms |`;
  };
  const idp = med('gauntlet idp');
  const rows = [
    '| goal (issue 15) | goal | median now | verdict | above `node -e ""` |',
    '|---|---|---|---|---|',
    goal('`gauntlet run`: spawn to the first probe', med('gauntlet run, to its first probe'), 300),
    goal('`gauntlet idp`: spawn to the first JWKS answer', idp, 100),
    `| \`gauntlet idp\` vs oauth2-mock-server | ≥ 2× faster | ${ratio(peer, idp)}× faster (${fixed(idp)} vs ${fixed(peer)} ms) | ${peer / idp >= 2 ? '**met**' : '**missed**'} | |`,
    '',
  ];
  return rows;
}

/** Section 3: the request path, its rows and its ratios; `note` goes under the heading (a run of this part alone). */
export function pathSection(path: PathResult[], note?: string): string[] {
  const out: string[] = ['## 3. The harness request path vs autocannon (reference API, valid token, `GET /orders`)', ''];
  if (note) out.push(note, '');
  out.push('| client | req/s (median) | p99 ms (median) | errors | non-2xx or not passed | req/s per round |');
  out.push('|---|---|---|---|---|---|');
  for (const r of path) out.push(pathRow(r));
  out.push('');
  out.push('| ratio (medians) | ×1 | ×10 |');
  out.push('|---|---|---|');
  const med = (name: string): number => median(path.find((r) => r.mode.name === name)?.rounds.map((x) => x.rps) ?? []);
  for (const [label, other] of [
    ['harness / autocannon (goal ≥ 0.9)', (n: number) => `autocannon ×${n}`],
    ["harness / bare undici (what the harness's own code costs)", (n: number) => `bare undici ×${n}`],
    ['harness / bare node:http (the client the harness used before)', (n: number) => `bare node:http ×${n}`],
  ] as const) {
    out.push(`| ${label} | ${ratio(med('harness ×1'), med(other(1)))} | ${ratio(med('harness ×10'), med(other(10)))} |`);
  }
  out.push('');
  return out;
}

/** Replace section 3 of an existing RESULTS.md with a run of that part alone. */
export function replacePathSection(text: string, path: PathResult[], note: string): string {
  const start = text.indexOf('## 3. ');
  const end = text.indexOf('## 4. ');
  if (start < 0 || end < start) throw new Error('RESULTS.md has no section 3 to replace; run the whole bench');
  return text.slice(0, start) + pathSection(path, note).join('\n') + '\n' + text.slice(end);
}

export function writeResults(b: BenchResults, file: URL, header: URL): void {
  writeFileSync(file, renderResults(b, header));
}
