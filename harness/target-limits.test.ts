/**
 * What a target's answer can cost the harness: at most --max-body bytes of it are read, on each of the
 * three ways a probe is sent (node:http, a raw socket, an in-process app listened on loopback); a request in flight is abandoned the
 * moment the run is interrupted; and an endpoint that stops answering is given up after a few timeouts
 * in a row. Real servers on 127.0.0.1, port 0.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from './core/errors.ts';
import { buildProbe, type Probe } from './probe.ts';
import { DEFAULT_LOCATION } from './core/token-location.ts';
import { appTarget, NoHttpAnswer, parseRawResponse, TargetTimeout, urlTarget, type Target, type TargetLimits } from './target/index.ts';
import { EndpointSkipped, guardTarget } from './target-guard.ts';
import { createTlsMaterial } from '../mocks/idp/tls.ts';

const MB = 1024 * 1024;
const CAP = 1 * MB;
/** Far longer than any test may take: a request that is not abandoned fails the test by its own timeout. */
const FOREVER = 600_000;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function probe(path = '/orders', raw = false): Probe {
  const p = buildProbe('test', { credential: { kind: 'none' } }, { method: 'GET', path, scopes: [] }, [], {
    location: DEFAULT_LOCATION,
    requestIdHeader: 'x-request-id',
  });
  return raw ? { ...p, raw: true } : p;
}

const big = Buffer.alloc(50 * MB, 'x');
/** 401 and 50 MB, with its length announced or chunked. */
const huge =
  (announced: boolean) =>
  (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', ...(announced ? { 'content-length': big.length } : {}) });
    res.end(big);
  };

/** The three ways a probe goes out. */
const ways: Array<[string, (url: string, listener: RequestListener, limits: TargetLimits) => Promise<{ target: Target; probe: Probe }>]> = [
  ['node:http', async (url, _l, limits) => ({ target: urlTarget(url, limits), probe: probe() })],
  ['a raw socket', async (url, _l, limits) => ({ target: urlTarget(url, limits), probe: probe('/orders', true) })],
  [
    'an in-process app (listened on loopback, sent through node:http)',
    async (_url, listener, limits) => ({ target: await appTarget(listener, limits), probe: probe() }),
  ],
];

describe.each(ways)('reading an answer through %s', (_name, open) => {
  it.each([true, false])('reads 50 MB no further than the cap and says it was cut (length announced: %s)', async (announced) => {
    const listener = huge(announced);
    const { target, probe: p } = await open(await serve(listener), listener, { maxBody: CAP });
    try {
      const answer = await target.send(p, 30_000);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(answer.body.length).toBe(CAP);
      expect(answer.truncated).toBe(CAP);
    } finally {
      await target.close();
    }
  });

  it('reads an answer of exactly the cap in full, not truncated', async () => {
    const listener: RequestListener = (_req, res) => res.writeHead(200, { 'content-length': CAP }).end(big.subarray(0, CAP));
    const { target, probe: p } = await open(await serve(listener), listener, { maxBody: CAP });
    try {
      const answer = await target.send(p, 30_000);
      expect(answer.body.length).toBe(CAP);
      expect(answer.truncated).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it('abandons a request in flight when the signal aborts, instead of waiting out its timeout', async () => {
    const abort = new AbortController();
    const listener: RequestListener = () => setTimeout(() => abort.abort(), 50);
    const { target, probe: p } = await open(await serve(listener), listener, { signal: abort.signal });
    try {
      const err = await target.send(p, FOREVER).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HarnessError);
      expect((err as HarnessError).code).toBe('ERR_INTERRUPTED');
      // Once aborted, nothing more is sent.
      expect(((await target.send(p, FOREVER).catch((e: unknown) => e)) as HarnessError).code).toBe('ERR_INTERRUPTED');
    } finally {
      await target.close();
    }
  });
});

describe('an HTTP answer read from a raw socket', () => {
  const head = 'HTTP/1.1 401 Unauthorized\r\ncontent-length: 4096\r\n\r\n';

  it('is incomplete when the connection closed before the body it announced', () => {
    expect(() => parseRawResponse(Buffer.from(`${head}{"error":"inv`))).toThrow(NoHttpAnswer);
    expect(() => parseRawResponse(Buffer.from(`${head}{"error":"inv`))).toThrow(
      /in the middle of its HTTP answer \(after 13 body bytes of 4096\)/,
    );
  });

  it('is truncated, not incomplete, when reading stopped at the cap', () => {
    const answer = parseRawResponse(Buffer.concat([Buffer.from(head), Buffer.alloc(3000, 'y')]), { maxBody: 1000, cut: true });
    expect(answer).toMatchObject({ status: 401, truncated: 1000 });
    expect(answer.body.length).toBe(1000);
  });

  it('names interim answers that never led to a final one', () => {
    const bytes = Buffer.from('HTTP/1.1 102 Processing\r\n\r\n'.repeat(3));
    expect(() => parseRawResponse(bytes)).toThrow(/sent 3 interim \(1xx\) answers and no final one/);
  });

  it('reads a chunked body to its last chunk, and calls one cut short incomplete', () => {
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n';
    expect(parseRawResponse(Buffer.from(`${chunked}0\r\n\r\n`)).body).toBe('hello');
    expect(() => parseRawResponse(Buffer.from(chunked))).toThrow(/in the middle of its HTTP answer/);
  });
});

describe('an endpoint that stops answering', () => {
  it('is given up after --max-timeouts timeouts in a row: its next probes fail at once with the reason, other endpoints go on', async () => {
    let sent = 0;
    const url = await serve((req, res) => {
      sent++;
      // /slow never answers; /fast always does.
      if (req.url === '/fast') res.writeHead(200).end('ok');
    });
    const target = guardTarget(urlTarget(url), { maxTimeouts: 3 });
    for (let i = 0; i < 3; i++) await expect(target.send(probe('/slow'), 100)).rejects.toBeInstanceOf(TargetTimeout);
    const skipped = await target.send(probe('/slow'), FOREVER).catch((e: unknown) => e);
    expect(skipped).toBeInstanceOf(EndpointSkipped);
    expect((skipped as Error).message).toBe('skipped after 3 consecutive timeouts on GET /slow');
    expect(sent).toBe(3);
    expect((await target.send(probe('/fast'), 1000)).status).toBe(200);
  });

  it('starts counting again after any answer, so only timeouts in a row count', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      // Two hangs, an answer, two hangs, an answer…: never three in a row.
      if (++n % 3 === 0) res.writeHead(401).end();
    });
    const target = guardTarget(urlTarget(url), { maxTimeouts: 3 });
    for (let i = 0; i < 9; i++) {
      const outcome = await target.send(probe(), 100).then(
        (a) => a.status,
        (e: unknown) => (e instanceof TargetTimeout ? 'timeout' : e),
      );
      expect(outcome).toBe((i + 1) % 3 === 0 ? 401 : 'timeout');
    }
  });
});

describe('whatever the target does is its behaviour, never a harness error', () => {
  it.each([
    [
      'throws',
      (): void => {
        throw new Error('boom');
      },
    ],
    [
      'rejects',
      async (): Promise<void> => {
        throw new Error('boom');
      },
    ],
  ])('an in-process app that %s ends its connection, and the answer says the app threw', async (_what, handler) => {
    const target = await appTarget(handler as RequestListener);
    try {
      const err = await target.send(probe(), 5000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoHttpAnswer);
      expect((err as Error).message).toBe('the app threw while answering (boom), so the connection ended without an HTTP answer');
      // The harness is still there, and so is the app: the next probe is answered the same way.
      expect(await target.send(probe(), 5000).catch((e: unknown) => e)).toBeInstanceOf(NoHttpAnswer);
    } finally {
      await target.close();
    }
  });

  it('a target whose TLS certificate is not trusted is one line naming the fix, not an unexpected error', async () => {
    const tls = await createTlsMaterial();
    const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end('ok'));
    servers.push(server as unknown as Server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const err = await urlTarget(url)
      .send(probe(), 5000)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('ERR_TARGET_UNREACHABLE');
    expect((err as Error).message).toMatch(
      /^cannot talk TLS to the target at https:\/\/127\.0\.0\.1:\d+ \([A-Z_]+\); give it a certificate the harness trusts \(targetCa in the config, or NODE_EXTRA_CA_CERTS\) or fix --target$/,
    );
  });
});

describe('connections', () => {
  /** A server counting the connections it was opened; `onRequest` may end a request's connection instead of answering. */
  async function counting(onRequest?: (req: IncomingMessage, nth: number) => boolean): Promise<{ url: string; connections: () => number }> {
    let connections = 0;
    const served = new WeakMap<object, number>();
    const server = createServer((req, res) => {
      const nth = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, nth);
      if (onRequest?.(req, nth)) return void req.socket.destroy();
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('{}');
    });
    server.on('connection', () => connections++);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
  }

  it('sends ordinary probes over one kept-alive connection, and a probe that takes a closed connection as a refusal on its own', async () => {
    const server = await counting();
    const target = urlTarget(server.url);
    try {
      for (let i = 0; i < 3; i++) expect((await target.send(probe(), 5000)).status).toBe(401);
      expect(server.connections()).toBe(1);
      expect((await target.send({ ...probe(), expect: ['REJECT'] }, 5000)).status).toBe(401);
      expect(server.connections()).toBe(2);
    } finally {
      await target.close();
    }
  });

  it('after a connection ended without an answer, opens a new one; a kept-alive connection dropped before any answer is sent again on a fresh one', async () => {
    // Ends the second request on every connection without a word: as a server closing an idle connection the moment a request arrives.
    const server = await counting((_req, nth) => nth === 2);
    const target = urlTarget(server.url);
    try {
      expect((await target.send(probe(), 5000)).status).toBe(401);
      // The second probe meets the dropped connection, and is answered on a new one.
      expect((await target.send(probe(), 5000)).status).toBe(401);
      expect(server.connections()).toBe(2);
      const fresh = await counting(() => true);
      const ends = urlTarget(fresh.url);
      expect(await ends.send(probe(), 5000).catch((e: unknown) => e)).toBeInstanceOf(NoHttpAnswer);
      expect(await ends.send(probe(), 5000).catch((e: unknown) => e)).toBeInstanceOf(NoHttpAnswer);
      expect(fresh.connections()).toBe(2);
      await ends.close();
    } finally {
      await target.close();
    }
  });
});
