import { writeHeapSnapshot } from 'node:v8';
import { loadConfigFile, resolveConfig } from './config.ts';
import { scenariosFor } from './load-scenarios.ts';
import { run } from './run.ts';
const runs = Number(process.argv[2] ?? 1000);
const snap = process.argv[3];
const file = await loadConfigFile('/work/wt-rooms-transport/mocks/targets/reference/gauntlet.config.ts');
const config = await resolveConfig(file.config, { runs, seed: 7, only: ['expired'] } as never);
const scenarios = await scenariosFor([], process.cwd(), ['expired']);
const mb = (n: number) => Math.round(n / 1048576);
let n = 0;
const samples: string[] = [];
const report = await run(config, scenarios, {
  onProperty: () => {
    n++;
    globalThis.gc!();
    const m = process.memoryUsage();
    samples.push(`${n}:${mb(m.heapUsed)}/${mb(m.rss)}`);
    if (snap && n === 8) writeHeapSnapshot(snap);
  },
});
globalThis.gc!();
console.log(JSON.stringify({ runs, props: report.properties.length, samples: samples.join(' '), end: mb(process.memoryUsage().heapUsed), maxRss: mb(process.resourceUsage().maxRSS * 1024) }));
