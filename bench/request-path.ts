/**
 * Part 3: the harness's request path against autocannon, same reference API (in its own process, with
 * the IdP that signed the token), same valid token, GET /orders, one at a time and 10 at a time, in
 * one run, rounds alternated. The harness side is the whole per-probe path a scenario takes: build the
 * probe, send it through urlTarget (keep-alive, as every ordinary probe goes: undici, harness/target/
 * keep-alive.ts), observe and judge it. autocannon keeps its connections alive too (its default); a
 * bare undici loop (one Client per loop, as keep-alive.ts holds them, sending through `dispatch` as it
 * does) shows what the HTTP client costs by itself, so harness / bare undici is what the harness's own
 * code adds; a bare node:http loop over a keep-alive agent is the client the harness used before.
 */
import { Agent, request } from 'node:http';
import { Client } from 'undici';
import { judge } from '../harness/judge.ts';
import { parseEndpoint } from '../harness/endpoint.ts';
import { observe } from '../harness/observe/observation.ts';
import { buildProbe } from '../harness/probe.ts';
import { DEFAULT_LOCATION } from '../harness/core/token-location.ts';
import { urlTarget } from '../harness/target/index.ts';
import { rfc6750 } from '../scenarios/profiles/rfc6750.ts';
import { startServer } from './children.ts';
import { cannon, type LoadRound } from './load.ts';
import { bench } from './stats.ts';

export interface PathMode {
  name: string;
  concurrency: number;
  kind: 'harness' | 'undici' | 'node:http' | 'autocannon';
}

export const PATH_MODES: PathMode[] = [1, 10].flatMap((concurrency) => [
  { name: `harness ×${concurrency}`, concurrency, kind: 'harness' as const },
  { name: `bare undici ×${concurrency}`, concurrency, kind: 'undici' as const },
  { name: `bare node:http ×${concurrency}`, concurrency, kind: 'node:http' as const },
  { name: `autocannon ×${concurrency}`, concurrency, kind: 'autocannon' as const },
]);

export interface PathResult {
  mode: PathMode;
  rounds: LoadRound[];
}

function p99(values: number[]): number {
  const s = values.sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] ?? Number.NaN;
}

/** A bare node:http GET over a keep-alive agent, as urlTarget sends an ordinary probe, and nothing else. */
function bareGet(url: URL, token: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A bare undici GET on a Client of its own (one connection, no pipelining), through the API keep-alive.ts
 * uses (`dispatch` with a plain handler: the body's chunks read and dropped, no stream, no promise per
 * chunk), and nothing else: harness / bare undici is then what the harness adds to its client.
 */
function undiciGet(client: Client, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    client.dispatch(
      { method: 'GET', path: '/orders', headers: ['authorization', `Bearer ${token}`] },
      {
        onConnect: () => {},
        onHeaders: (statusCode) => {
          status = statusCode;
          return true;
        },
        onData: () => true,
        onComplete: () => resolve(status),
        onError: reject,
      },
    );
  });
}

/** `concurrency` loops each sending one request after another until `seconds` are up. */
async function loopRound(send: (loop: number) => Promise<boolean>, concurrency: number, seconds: number): Promise<LoadRound> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const loop = async (_: unknown, index: number): Promise<void> => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        if (!(await send(index))) non2xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const ms = performance.now() - t0;
  return { rps: (latencies.length * 1000) / ms, p99Ms: Math.round(p99(latencies)), errors, non2xx, requests: latencies.length };
}

/** The whole per-probe path: build, send through urlTarget, observe, judge. True when it passed. */
function harnessSend(apiUrl: string, token: string): { send: () => Promise<boolean>; close: () => Promise<void> } {
  const target = urlTarget(apiUrl);
  const endpoint = parseEndpoint('GET /orders');
  return {
    close: () => target.close(),
    send: async () => {
      const probe = buildProbe('bench', { credential: { kind: 'token', token } }, endpoint, ['OK'], {
        location: DEFAULT_LOCATION,
        requestIdHeader: 'x-request-id',
      });
      const raw = await target.send(probe, 10_000);
      return raw.status >= 200 && raw.status < 300 && judge(observe(raw), [rfc6750.classes.OK]).verdict === 'pass';
    },
  };
}

export async function requestPath(log: (line: string) => void): Promise<PathResult[]> {
  const { rounds, seconds } = bench();
  const api = await startServer('reference');
  try {
    const url = `${api.url}/orders`;
    const headers = { authorization: `Bearer ${api.accessToken}` };
    const once = async (mode: PathMode, s: number): Promise<LoadRound> => {
      switch (mode.kind) {
        case 'harness': {
          const h = harnessSend(api.url, api.accessToken);
          try {
            return await loopRound(h.send, mode.concurrency, s);
          } finally {
            await h.close();
          }
        }
        case 'undici': {
          const clients = Array.from({ length: mode.concurrency }, () => new Client(api.url, { pipelining: 1 }));
          try {
            // Each loop keeps to its own Client, as each probe in flight has one in keep-alive.ts.
            return await loopRound(async (loop) => (await undiciGet(clients[loop]!, api.accessToken)) === 200, mode.concurrency, s);
          } finally {
            await Promise.all(clients.map((c) => c.close()));
          }
        }
        case 'node:http': {
          const agent = new Agent({ keepAlive: true });
          try {
            return await loopRound(async () => (await bareGet(new URL(url), api.accessToken, agent)) === 200, mode.concurrency, s);
          } finally {
            agent.destroy();
          }
        }
        case 'autocannon':
          return cannon({ url, headers, connections: mode.concurrency, seconds: s });
      }
    };
    for (const mode of PATH_MODES) await once(mode, 1); // warm-up: JIT on both sides, the API's JWKS cache
    const results: PathResult[] = PATH_MODES.map((mode) => ({ mode, rounds: [] }));
    for (let i = 0; i < rounds; i++) {
      for (const r of i % 2 === 0 ? results : [...results].reverse()) {
        const round = await once(r.mode, seconds);
        r.rounds.push(round);
        log(
          `  round ${i + 1} ${r.mode.name.padEnd(48)} ${round.rps.toFixed(0).padStart(6)} req/s  p99 ${round.p99Ms} ms  errors ${round.errors}  non-2xx ${round.non2xx}`,
        );
      }
    }
    return results;
  } finally {
    await api.stop();
  }
}
