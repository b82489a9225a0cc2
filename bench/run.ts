/**
 * `npm run bench`: every comparison side by side in one run, written to bench/RESULTS.md with the
 * machine and its load average.
 * 1. our mock IdP vs oauth2-mock-server under 100 concurrent clients (/jwks, /token, /introspect);
 * 2. cold start of the compiled CLI (built first): `gauntlet idp` vs oauth2-mock-server, spawn to the
 *    first JWKS answer, and `gauntlet run` to its first probe, against the goals;
 * 3. the harness request path vs autocannon against the reference API;
 * 4. minting per algorithm vs raw jose;
 * 5. the harness's own peak RSS (compiled CLI in a child process) against issue 14's and 15's memory goals.
 * 6. whole `gauntlet run`s against the reference API (compiled CLI, spawn to exit) against the goal.
 * `BENCH_PART=cold` (`path`, `rss`, `whole`) runs part 2 (3, 5, 6) alone and replaces only its section.
 * Load is bounded: loopback only, BENCH_ROUNDS (5) rounds of BENCH_SECONDS (3) s, BENCH_STARTS (7) starts.
 */
import { buildCli } from './build.ts';
import { coldStarts } from './cold-start.ts';
import { idpLoad } from './idp-load.ts';
import { load, machine } from './machine.ts';
import { minting } from './minting.ts';
import { requestPath } from './request-path.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceColdSection, replacePathSection, writeResults, type BenchResults } from './results.ts';
import { harnessMemory, replaceRssSection } from './rss.ts';
import { bench } from './stats.ts';
import { replaceWholeSection, wholeRun } from './whole-run.ts';

const log = (line: string): void => console.log(line);
const { rounds, seconds } = bench();
const starts = Number(process.env.BENCH_STARTS ?? 7);
const m = machine();
const loads: Array<[string, string]> = [];
const part = (name: string): void => {
  loads.push([name, load()]);
  log(`— ${name} (load average ${load()}) —`);
};
const t0 = performance.now();
log(`machine: nproc ${m.nproc}, ${m.cpu}, node ${m.node}`);

/**
 * `BENCH_PART=<name> npm run bench`: one part alone, its section of RESULTS.md replaced (the others
 * stay from the run recorded above), with its own date and load average.
 */
async function partAlone<T>(
  section: number,
  measure: () => Promise<T>,
  replace: (text: string, result: T, note: string) => string,
): Promise<never> {
  const before = load();
  const result = await measure();
  const file = new URL('./RESULTS.md', import.meta.url);
  const note = `Run on its own (\`BENCH_PART=${process.env.BENCH_PART} npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, nproc ${m.nproc}, load average (1, 5, 15 min) ${before} before, ${load()} after; the other sections are from the run recorded above.`;
  writeFileSync(file, replace(readFileSync(file, 'utf8'), result, note));
  log(`written: ${file.pathname} (section ${section})`);
  process.exit(0);
}

// The cold starts, the whole runs and the memory figures run the compiled CLI, built here first.
switch (process.env.BENCH_PART) {
  case 'cold':
    await partAlone(
      2,
      () => coldStarts(starts, log),
      (text, cold, note) => replaceColdSection(text, cold, starts, note),
    );
    break;
  case 'path':
    await partAlone(3, () => requestPath(log), replacePathSection);
    break;
  case 'rss':
    await partAlone(5, () => harnessMemory(log, true), replaceRssSection);
    break;
  case 'whole':
    await partAlone(
      6,
      () => {
        buildCli();
        return wholeRun(log);
      },
      replaceWholeSection,
    );
    break;
}

part('IdP under load');
const idp = await idpLoad(log);
part('cold start');
const cold = await coldStarts(starts, log);
part('request path');
const path = await requestPath(log);
part('minting');
const mint = await minting(log);
part('harness memory');
// The compiled CLI part 2 built.
const rss = await harnessMemory(log);
part('whole run');
const whole = await wholeRun(log);
log(`  ${whole.propertyCases} property cases in ${whole.propertyMs.toFixed(0)} ms`);
loads.push(['end', load()]);

const results: BenchResults = {
  machine: m,
  rounds,
  seconds,
  starts,
  loads,
  idp,
  cold,
  path,
  mint,
  whole,
  rss,
  seconds_total: (performance.now() - t0) / 1000,
};
const file = new URL('./RESULTS.md', import.meta.url);
writeResults(results, file, new URL('./RESULTS.header.md', import.meta.url));
log(`written: ${file.pathname}`);
