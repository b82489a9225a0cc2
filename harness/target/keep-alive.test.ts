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
import { carries, nodeHeaders } from './keep-alive.ts';
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

/** A TCP server that answers each request's first bytes with `answer(socket, bytes)`: what no HTTP server would write. */
async function serveBytes(answer: (socket: Socket, request: Buffer) => void): Promise<string> {
  const server = createNetServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (d: Buffer) => answer(socket, d));
  });
  raws.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

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
