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

if (process.env.BENCH_PART === 'cold') {
  // `BENCH_PART=cold npm run bench`: the cold starts alone (the compiled CLI, built here), their section of RESULTS.md replaced.
  const before = load();
  const cold = await coldStarts(starts, log);
  const file = new URL('./RESULTS.md', import.meta.url);
  const note = `Run on its own (\`BENCH_PART=cold npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, nproc ${m.nproc}, load average (1, 5, 15 min) ${before} before, ${load()} after; the other sections are from the run recorded above.`;
  writeFileSync(file, replaceColdSection(readFileSync(file, 'utf8'), cold, starts, note));
  log(`written: ${file.pathname} (section 2)`);
  process.exit(0);
}

if (process.env.BENCH_PART === 'path') {
  // `BENCH_PART=path npm run bench`: the request path alone, its section of RESULTS.md replaced.
  const before = load();
  const path = await requestPath(log);
  const file = new URL('./RESULTS.md', import.meta.url);
  const note = `Run on its own (\`BENCH_PART=path npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, nproc ${m.nproc}, load average (1, 5, 15 min) ${before} before, ${load()} after; the other sections are from the run recorded above.`;
  writeFileSync(file, replacePathSection(readFileSync(file, 'utf8'), path, note));
  log(`written: ${file.pathname} (section 3)`);
  process.exit(0);
}

if (process.env.BENCH_PART === 'whole') {
  // `BENCH_PART=whole npm run bench`: whole runs alone (the compiled CLI, built here), section 6 of RESULTS.md replaced.
  const before = load();
  buildCli();
  const whole = await wholeRun(log);
  const file = new URL('./RESULTS.md', import.meta.url);
  const note = `Run on its own (\`BENCH_PART=whole npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, nproc ${m.nproc}, load average (1, 5, 15 min) ${before} before, ${load()} after; the other sections are from the run recorded above.`;
  writeFileSync(file, replaceWholeSection(readFileSync(file, 'utf8'), whole, note));
  log(`written: ${file.pathname} (section 6)`);
  process.exit(0);
}

if (process.env.BENCH_PART === 'rss') {
  // `BENCH_PART=rss npm run bench`: the harness's memory alone (the compiled CLI, built here), its section of RESULTS.md replaced.
  const before = load();
  const rss = await harnessMemory(log, true);
  const file = new URL('./RESULTS.md', import.meta.url);
  const note = `Run on its own (\`BENCH_PART=rss npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, nproc ${m.nproc}, load average (1, 5, 15 min) ${before} before, ${load()} after; the other sections are from the run recorded above.`;
  writeFileSync(file, replaceRssSection(readFileSync(file, 'utf8'), rss, note));
  log(`written: ${file.pathname} (section 5)`);
  process.exit(0);
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
