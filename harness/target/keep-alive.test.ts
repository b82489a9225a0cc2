/**
 * The URL client's keep-alive path (undici, keep-alive.ts) records what node:http recorded: the same
 * headers (duplicates as node:http keeps them), the same request bytes, connections reused, the
 * keep-alive race survived, and a connection that ends without an answer observed as before. Real
 * servers on 127.0.0.1, port 0; each comparison is made against node:http itself.
 */
import { createServer, get, type RequestListener, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProbe, type Probe } from '../probe.ts';
import { DEFAULT_LOCATION } from '../core/token-location.ts';
import { carries, nodeHeaders, PARSE_ERRORS } from './keep-alive.ts';
import { NoHttpAnswer, urlTarget } from './index.ts';

const servers: Server[] = [];
const raws: Array<ReturnType<typeof createNetServer>> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  for (const s of raws.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

/** What a byte server was sent: connections taken, and request heads read (one per request on a connection). */
interface Received {
  connections: number;
  requests: number;
}

/** A TCP server that answers each request's first bytes with `answer(socket, bytes)`: what no HTTP server would write. */
async function serveBytes(
  answer: (socket: Socket, request: Buffer) => void,
  received: Received = { connections: 0, requests: 0 },
): Promise<string> {
  const server = createNetServer((socket) => {
    received.connections++;
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => (received.requests += d.toString('latin1').split('\r\n\r\n').length - 1));
    socket.once('data', (d: Buffer) => answer(socket, d));
  });
  raws.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Bytes llhttp refuses, one answer for each reason it gives (harness/target/keep-alive.ts, PARSE_ERRORS). */
const OK_LINE = 'HTTP/1.1 200 OK\r\n';
const CHUNKED = `${OK_LINE}Transfer-Encoding: chunked\r\n\r\n`;
const NOT_HTTP: Array<[reason: string, answer: string]> = [
  ['Expected HTTP/, RTSP/ or ICE/', 'SSH-2.0-OpenSSH_9.6\r\n'],
  ['Expected dot', 'HTTP/2 200\r\n\r\n'],
  ['Expected space after version', 'HTTP/1.1x200 OK\r\n\r\n'],
  ['Invalid HTTP version', 'HTTP/9.9 200 OK\r\n\r\n'],
  ['Invalid major version', 'HTTP/a.1 200 OK\r\n\r\n'],
  ['Invalid minor version', 'HTTP/1.a 200 OK\r\n\r\n'],
  ['Invalid status code', 'HTTP/1.1 2x0 OK\r\n\r\n'],
  ['Invalid response status', 'HTTP/1.1 200OK\r\n\r\n'],
  ['Missing expected CR after response line', 'HTTP/1.1 200 OK\nX: y\r\n\r\n'],
  ['Unexpected space after start line', `${OK_LINE} X: y\r\n\r\n`],
  ['Invalid header token', `${OK_LINE}bad header\r\n\r\n`],
  ['Invalid header field char', 'HTTP/1.1 200 OK\r\r\n\r\n'],
  ['Invalid header value char', `${OK_LINE}X:\x01\r\n\r\n`],
  ['Unexpected whitespace after header value', `${OK_LINE}X: y\r\n \r\n\r\n`],
  ['Missing expected LF after header value', `${OK_LINE}X: y\rZ\r\n\r\n`],
  ['Expected LF after CR', 'HTTP/1.1 200 OK\rX\r\n\r\n'],
  ['Expected LF after headers', `${OK_LINE}X: y\r\n\rZ`],
  ['Empty Content-Length', `${OK_LINE}Content-Length:\r\n\r\n`],
  ['Invalid character in Content-Length', `${OK_LINE}Content-Length: abc\r\n\r\n`],
  ["Content-Length can't be present with Transfer-Encoding", `${OK_LINE}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`],
  ['Invalid character in chunk size', `${CHUNKED}zz\r\n`],
  ['Chunk size overflow', `${CHUNKED}ffffffffffffffffff\r\n`],
  ['Expected LF after chunk size', `${CHUNKED}5\rX`],
  ['Expected LF after chunk data', `${CHUNKED}5\r\nhelloX`],
  ['Invalid character in chunk extensions name', `${CHUNKED}5;\x01\r\n`],
  ['Invalid character in chunk extensions value', `${CHUNKED}5;a=\x01\r\n`],
  ['Invalid character in chunk extensions quoted value', `${CHUNKED}5;a="b\r\n`],
];

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function probe(extra: Record<string, string> = {}, body?: string): Probe {
  const p = buildProbe(
    'test',
    { credential: { kind: 'token', token: 'abc.def.ghi' }, headers: extra },
    { method: body === undefined ? 'GET' : 'POST', path: '/orders?x=1', scopes: [], ...(body === undefined ? {} : { body }) },
    ['OK'],
    { location: DEFAULT_LOCATION, requestIdHeader: 'x-request-id' },
  );
  return p;
}

/** An answer written byte for byte: repeated headers of every kind node:http treats differently. */
const DUPLICATES = [
  'HTTP/1.1 401 Unauthorized',
  'WWW-Authenticate: Bearer error="invalid_token"',
  'WWW-Authenticate: Basic realm="x"',
  'Set-Cookie: a=1',
  'Set-Cookie: b=2',
  'Content-Type: application/json',
  'Content-Type: text/plain',
  'X-Thing: one',
  'x-thing: two',
  'Content-Length: 2',
  '',
  '{}',
].join('\r\n');

describe('the keep-alive client', () => {
  it('records an answer’s headers exactly as node:http does, duplicates included', async () => {
    const url = await serveBytes((socket) => socket.end(DUPLICATES));
    const viaNode = await new Promise<Record<string, unknown>>((resolve, reject) =>
      get(`${url}/orders`, (res) => {
        res.resume();
        res.on('end', () => resolve({ ...res.headers }));
      }).on('error', reject),
    );
    const target = urlTarget(url);
    try {
      const raw = await target.send(probe(), 5000);
      expect(raw.status).toBe(401);
      expect(raw.body).toBe('{}');
      expect(raw.headers).toEqual(viaNode);
      expect(raw.headers['www-authenticate']).toBe('Bearer error="invalid_token", Basic realm="x"');
      expect(raw.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    } finally {
      await target.close();
    }
  });

  it('maps raw header lines as node:http does (unit)', () => {
    const raw = ['Cookie', 'a=1', 'cookie', 'b=2', 'Location', '/x', 'location', '/y'].map((s) => Buffer.from(s));
    expect(nodeHeaders(raw)).toEqual({ cookie: 'a=1; b=2', location: '/x' });
  });

  it('sends the probe’s request line, headers and body as node:http sends them', async () => {
    const seen: Array<{ url?: string; method?: string; headers: Record<string, unknown>; body: string }> = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ url: req.url, method: req.method, headers: { ...req.headers }, body });
        res.end('ok');
      });
    });
    const target = urlTarget(url);
    try {
      const p = probe({ 'x-a': '1' }, 'grant=x');
      expect(carries(p)).toBe(true);
      await target.send(p, 5000);
      // The same probe through node:http: a header undici would write itself sends it there.
      await target.send({ ...p, headers: [...p.headers, ['host', new URL(url).host]] }, 5000);
    } finally {
      await target.close();
    }
    expect(seen).toHaveLength(2);
    const [kept, node] = seen;
    expect(kept!.url).toBe('/orders?x=1');
    expect(kept!.method).toBe('POST');
    expect(kept!.body).toBe('grant=x');
    expect(kept!.headers.authorization).toBe('Bearer abc.def.ghi');
    // Request ids differ by design; every other header is the same, with the same values.
    const strip = (h: Record<string, unknown>) => ({ ...h, 'x-request-id': undefined });
    expect(strip(kept!.headers)).toEqual(strip(node!.headers));
  });

  it('reuses one connection for ordinary probes, and survives a target that closes it while idle', async () => {
    const ports = new Set<number>();
    let answered = 0;
    const url = await serve((req, res) => {
      ports.add(req.socket.remotePort!);
      answered++;
      res.end('ok');
      // The third answer's connection is closed once idle, without a word (no Connection: close).
      if (answered === 3) res.on('finish', () => setTimeout(() => req.socket.destroy(), 20));
    });
    const target = urlTarget(url);
    try {
      for (let i = 0; i < 3; i++) expect((await target.send(probe(), 5000)).status).toBe(200);
      expect(ports.size).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect((await target.send(probe(), 5000)).status).toBe(200);
      expect(ports.size).toBe(2);
    } finally {
      await target.close();
    }
  });

  it('observes a connection closed or reset before any answer as node:http did', async () => {
    const url = await serveBytes((socket, d) => (d.includes('close-me') ? socket.end() : socket.resetAndDestroy()));
    const target = urlTarget(url);
    try {
      const closed = await target.send(probe({ 'x-what': 'close-me' }), 5000).catch((e: unknown) => e);
      expect(closed).toBeInstanceOf(NoHttpAnswer);
      expect(closed).toMatchObject({ kind: 'closed', message: 'the target closed the connection without an HTTP answer' });
      const reset = await target.send(probe(), 5000).catch((e: unknown) => e);
      expect(reset).toBeInstanceOf(NoHttpAnswer);
      expect(reset).toMatchObject({ kind: 'reset' });
    } finally {
      await target.close();
    }
  });

  it('names bytes that are not HTTP as node:http names them', async () => {
    const url = await serveBytes((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const target = urlTarget(url);
    try {
      const err = await target.send(probe(), 5000).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'not-http', message: 'the target answered something that is not HTTP (HPE_INVALID_CONSTANT)' });
    } finally {
      await target.close();
    }
  });

  it('sends a probe once to a target that does not speak HTTP: one connection, one request per probe', async () => {
    const received: Received = { connections: 0, requests: 0 };
    const url = await serveBytes((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'), received);
    const target = urlTarget(url);
    try {
      for (let i = 0; i < 3; i++) await expect(target.send(probe(), 5000)).rejects.toMatchObject({ kind: 'not-http' });
      expect(received).toEqual({ connections: 3, requests: 3 });
    } finally {
      await target.close();
    }
  });

  it('names every answer llhttp refuses by the code node:http gives the same bytes, without a second send', async () => {
    for (const [reason, answer] of NOT_HTTP) {
      const received: Received = { connections: 0, requests: 0 };
      const url = await serveBytes((socket) => socket.end(answer), received);
      const target = urlTarget(url);
      try {
        // `connection: close` sends it through node:http on a connection of its own; the plain probe through undici.
        const byNode = await target.send(probe({ connection: 'close' }), 5000).catch((e: unknown) => e);
        const kept = await target.send(probe(), 5000).catch((e: unknown) => e);
        expect(kept, reason).toBeInstanceOf(NoHttpAnswer);
        expect({ kind: (kept as NoHttpAnswer).kind, message: (kept as Error).message }, reason).toEqual({
          kind: (byNode as NoHttpAnswer).kind,
          message: (byNode as Error).message,
        });
        expect((kept as Error).message, reason).toContain(`(${PARSE_ERRORS.get(reason)})`);
        expect(received, reason).toEqual({ connections: 2, requests: 2 });
      } finally {
        await target.close();
      }
    }
    // Every pair of the table is shown here.
    expect(NOT_HTTP.map(([reason]) => reason).sort()).toEqual([...PARSE_ERRORS.keys()].sort());
  });

  it('is unreachable when nothing listens', async () => {
    const url = await serve(() => {});
    const port = new URL(url).port;
    const s = servers.pop()!;
    await new Promise<void>((r) => s.close(() => r()));
    // Nothing listens on that port now (checked: a connection is refused).
    await new Promise<void>((resolve) => connect(Number(port), '127.0.0.1').on('error', () => resolve()));
    const target = urlTarget(url);
    try {
      await expect(target.send(probe(), 5000)).rejects.toMatchObject({ code: 'ERR_TARGET_UNREACHABLE' });
    } finally {
      await target.close();
    }
  });
});
