/**
 * Benchmarks, compared as ratios within one run on the same machine:
 * 1. request path: the harness's probe path (build Probe -> send -> observe -> judge) against a raw
 *    node:http loop sending the same token to the same reference API;
 * 2. minting: forged tokens per second for each algorithm;
 * 3. a whole gauntlet run (every catalogue scenario on two endpoints) against the reference API.
 * Run with `npm run bench`; numbers go to bench/RESULTS.md by hand, with the machine.
 */
import { request } from 'node:http';
import { cpus } from 'node:os';
import { startIdp } from '../mocks/idp/serve.ts';
import { startReferenceApi } from '../mocks/targets/reference/app.ts';
import { resolveConfig, type UserConfig } from '../harness/config.ts';
import { run } from '../harness/run.ts';
import { scenariosFor } from '../harness/load-scenarios.ts';
import { buildProbe, DEFAULT_LOCATION } from '../harness/probe.ts';
import { urlTarget } from '../harness/target.ts';
import { observe } from '../harness/observe/observation.ts';
import { judge } from '../harness/judge.ts';
import { rfc6750 } from '../scenarios/profiles/rfc6750.ts';
import { parseEndpoint } from '../harness/endpoint.ts';
import type { SigningAlg } from '../mocks/idp/keys.ts';

const N = Number(process.env.BENCH_N ?? 2000);

function rawGet(url: URL, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed(label: string, n: number, body: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await body(i); // warm-up: JIT, JWKS cache
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await body(i);
  const ms = performance.now() - t0;
  const rate = (n / ms) * 1000;
  console.log(`${label.padEnd(44)} ${n} in ${ms.toFixed(0)} ms = ${rate.toFixed(0)}/s`);
  return rate;
}

const idp = await startIdp({});
const api = await startReferenceApi({ issuer: idp.idp.issuer, audience: idp.idp.minter.shape.audience });
const endpoint = parseEndpoint('GET /orders');
const token = (await idp.idp.minter.baseline()).token;
const target = urlTarget(api.url);

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
console.log('— request path (valid token, GET /orders on the reference API, sequential) —');
// Alternate the two loops in rounds so machine drift hits both alike; report the median ratio.
const url = new URL(`${api.url}/orders`);
const ratios: number[] = [];
for (let round = 1; round <= 5; round++) {
  const raw = await timed(`round ${round}: raw node:http loop`, N / 5, () => rawGet(url, token));
  const ours = await timed(`round ${round}: harness probe path`, N / 5, async () => {
    const probe = buildProbe('bench', { credential: { kind: 'token', token } }, endpoint, ['OK'], { location: DEFAULT_LOCATION, requestIdHeader: 'x-request-id' });
    judge(observe(await target.send(probe, 5000)), [rfc6750.classes.OK]);
  });
  ratios.push(ours / raw);
}
ratios.sort((a, b) => a - b);
console.log(`median ratio harness/raw throughput: ${ratios[2]!.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);

console.log('— minting (baseline tokens per second) —');
for (const alg of ['RS256', 'PS256', 'ES256', 'EdDSA'] as SigningAlg[]) {
  const key = idp.idp.keys.activeKey(alg);
  await timed(`mint ${alg}`, N, () => idp.idp.minter.forge({ signWith: { kind: 'kid', kid: key.kid }, header: { alg } }));
}

console.log('— a whole run —');
await api.close();
await idp.close();
const scenarios = await scenariosFor([], process.cwd());
const reference: UserConfig = {
  target: { start: (env) => startReferenceApi({ ...env, introspection: env.introspection }) },
  endpoints: ['GET /orders', 'GET /admin admin'],
};
const config = await resolveConfig({}, { ...reference, runs: 0 });
const t0 = performance.now();
const report = await run(config, scenarios);
const ms = performance.now() - t0;
const s = report.summary;
console.log(
  `full catalogue: ${scenarios.length} scenarios × 2 endpoints = ${s.total} results in ${ms.toFixed(0)} ms ` +
    `(${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped: the client and directory scenarios need config this run leaves out)`,
);
// The same run with property cases: the cost of --runs, per endpoint.
const withProps = await resolveConfig({}, { ...reference, runs: 1000, seed: 1 });
const t1 = performance.now();
const propReport = await run(withProps, []);
const propMs = performance.now() - t1;
const cases = propReport.properties.reduce((n, p) => n + p.runs, 0);
console.log(`properties only, --runs 1000: ${cases} cases over ${propReport.properties.length} properties in ${propMs.toFixed(0)} ms = ${((1000 * cases) / propMs).toFixed(0)} cases/s`);
