/**
 * Fuzz: fast-check sends short sequences of hostile requests (methods, paths, Host, Origin, auth,
 * content types and bodies: null or garbage JSON, invalid UTF-8, repeated parameters, oversized) over
 * real HTTP to the IdP on 127.0.0.1:0, and every answer must be a JSON 4xx or a success: no 5xx but
 * the outage a control call injected, no stack trace or exception text. The same property is shown
 * to catch an IdP that still answers `null` with "Cannot read properties of null".
 */
import fc from 'fast-check';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, problem, sequence, type Answer, type Fuzzed, type Slots, type Template } from './fuzz-cases.ts';
import { startIdp, type RunningIdp } from './serve.ts';

/** Bounded for the suite; FUZZ_RUNS=5000 for a longer search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let running: RunningIdp;
let flawed: { server: Server; port: number };

beforeAll(async () => {
  running = await startIdp({ algs: ['ES256', 'EdDSA'], stallMs: 20 });
  flawed = await nullCrashingProxy(Number(new URL(running.url).port));
});

afterAll(async () => {
  await running?.close();
  flawed?.server.closeAllConnections();
  await new Promise((r) => flawed?.server.close(r));
});

function send(port: number, r: Fuzzed): Promise<Answer | { closed: string }> {
  return new Promise((resolve) => {
    const headers = { ...r.headers };
    if (r.body && !headers['transfer-encoding']) headers['content-length'] = String(r.body.length);
    if (headers['transfer-encoding'] && !r.body) delete headers['transfer-encoding'];
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ closed: e.message }));
    });
    req.on('error', (e) => resolve({ closed: e.message }));
    req.setTimeout(5000, () => req.destroy(new Error('no answer in 5 s')));
    req.end(r.body);
  });
}

/** The slots as the server on `port` (the IdP, or the flawed proxy in front of it) fills them. */
function slots(port: number): Slots {
  const { clientId, clientSecret } = running.idp.client;
  return {
    own: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    secret: running.idp.controlSecret,
    basic: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
  };
}

/** Run `requests` against the server on `port`, in order; the first broken answer, described. */
async function firstProblem(port: number, requests: Template[]): Promise<string | undefined> {
  for (const t of requests) {
    const r = fill(t, slots(port));
    const failureInjected = [...running.idp.state.failures.values()].some((m) => m !== 'ok');
    const found = problem(r, await send(port, r), failureInjected);
    if (found)
      return `${r.method} ${r.path.slice(0, 80)} ${JSON.stringify(r.headers).slice(0, 300)} body=${r.body ? JSON.stringify(r.body.toString('utf8').slice(0, 60)) : '-'} → ${found}`;
  }
  return undefined;
}

/**
 * An IdP with the old flaw, as a proxy in front of the real one: a control call whose body is JSON
 * null is answered the way the IdP used to, 500 "Cannot read properties of null".
 */
async function nullCrashingProxy(idpPort: number): Promise<{ server: Server; port: number }> {
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if ((req.url ?? '').startsWith('/_gauntlet/') && body.toString() === 'null') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ error: 'server_error', error_description: "mock IdP error: Cannot read properties of null (reading 'jti')" }),
        );
      }
      const headers = { ...req.headers, ...(req.headers.host === `127.0.0.1:${port}` ? { host: `127.0.0.1:${idpPort}` } : {}) };
      const upstream = httpRequest(
        { host: '127.0.0.1', port: idpPort, method: req.method, path: req.url, headers, setHost: false },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body.length ? body : undefined);
    });
  });
  // What node itself refuses (TRACK, a bad request line) is answered as the IdP answers it.
  server.on('clientError', (err: Error & { rawPacket?: Buffer }, socket) => {
    const body = '{"error":"invalid_request","error_description":"bad request"}';
    const head = err.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    );
  });
  let port = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return { server, port };
}

// ---- the property --------------------------------------------------------------------------------

describe('the IdP under hostile input', () => {
  it(`answers ${RUNS} random request sequences with no 5xx and no exception text`, async () => {
    const port = Number(new URL(running.url).port);
    await fc.assert(
      fc.asyncProperty(sequence, async (requests) => {
        try {
          const found = await firstProblem(port, requests);
          if (found) throw new Error(found);
        } finally {
          running.idp.state.reset();
        }
      }),
      { numRuns: RUNS },
    );
    // Still serving after all that.
    expect((await fetch(running.idp.jwksUri)).status).toBe(200);
  });

  it('the same property finds the IdP that answered a null control body with a 500 and the exception text', async () => {
    const result = await fc.check(
      fc.asyncProperty(sequence, async (requests) => {
        try {
          return (await firstProblem(flawed.port, requests)) === undefined;
        } finally {
          running.idp.state.reset();
        }
      }),
      { numRuns: 4 * RUNS },
    );

    expect(result.failed).toBe(true);
    const shrunk = result.counterexample![0] as Template[];
    expect(await firstProblem(flawed.port, shrunk)).toMatch(/→ 500 with exception text: .*Cannot read properties of null/);
  });
});
