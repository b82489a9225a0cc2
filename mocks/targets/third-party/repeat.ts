/**
 * Flakiness check for a third-party child entry: run the catalogue against it N times (a fresh IdP
 * and child each time) and say whether the pinned lines were the same every time, and which differed.
 *
 *   node --import tsx mocks/targets/third-party/repeat.ts <entry file> <leeway s> [times=3] [--skip id,id]
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { findingLines } from './findings.ts';
import { runAgainstChild } from './run-child.ts';

const args = process.argv.slice(2);
const skipAt = args.indexOf('--skip');
const skip = skipAt === -1 ? [] : (args.splice(skipAt, 2)[1] ?? '').split(',');
const [entry, leeway, times = '3'] = args;
if (!entry || leeway === undefined) {
  console.error('usage: repeat.ts <entry file> <leeway seconds> [times] [--skip id,id]: name the child entry and its clock leeway');
  process.exit(2);
}
const scenarios = catalogue.filter((s) => !skip.includes(s.id));
const runs: string[][] = [];
let aborted = 0;
for (let i = 0; i < Number(times); i++) {
  const started = performance.now();
  try {
    const report = await runAgainstChild(pathToFileURL(resolve(entry)), { policy: { leeway: Number(leeway) } }, scenarios);
    runs.push(findingLines(report));
    console.log(`run ${i + 1}: ${runs.at(-1)!.length} findings in ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    aborted++;
    console.log(`run ${i + 1}: aborted (${(err as Error).message})`);
  }
}
if (aborted) console.log(`${aborted} of ${times} runs aborted; comparing the ${runs.length} that finished`);
const all = new Set(runs.flat());
const unstable = [...all].filter((line) => !runs.every((r) => r.includes(line)));
console.log(runs.length < 2 ? 'fewer than two runs finished: nothing to compare' : unstable.length === 0 ? 'identical verdicts in every finished run' : `lines not in every run:\n${unstable.map((l) => `  ${l} (in ${runs.filter((r) => r.includes(l)).length}/${runs.length})`).join('\n')}`);
