import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../harness/endpoint.ts';
import { buildProbe } from '../../harness/probe.ts';
import { DEFAULT_LOCATION, type TokenLocation } from '../../harness/core/token-location.ts';
import { appTarget, parseRawResponse, TargetTimeout, urlTarget } from '../../harness/target/index.ts';
import type { ProbeSpec } from '../../harness/core/probe-spec.ts';

const endpoint = parseEndpoint('GET /orders');
const probe = (spec: ProbeSpec, location: TokenLocation = DEFAULT_LOCATION) =>
  buildProbe('s', spec, endpoint, ['IT'], { location, requestIdHeader: 'x-request-id' });

describe('placing raw credential values', () => {
  it('marks a probe raw only when a header holds a byte node:http refuses', () => {
    expect(probe({ credential: { kind: 'token', token: 'abc\tdef' } }).raw).toBeUndefined();
    expect(probe({ credential: { kind: 'token', token: 'abc\r\n def' } }).raw).toBe(true);
    // In the query the line break is percent-encoded, so node:http can send it.
    expect(probe({ credential: { kind: 'token', token: 'abc\r\n def' } }, { in: 'query', name: 'access_token' }).raw).toBeUndefined();
  });

  it('puts an exact scheme-and-credential value in the header the API reads with a scheme', () => {
    const custom = probe(
      { credential: { kind: 'authorization', value: 'Basic eyJ' } },
      { in: 'header', name: 'x-api-auth', scheme: 'Bearer' },
    );
    expect(custom.headers).toContainEqual(['x-api-auth', 'Basic eyJ']);
    expect(custom.headers.some(([n]) => n === 'authorization')).toBe(false);
    expect(probe({ credential: { kind: 'authorization', value: 'Basic eyJ' } }).headers).toContainEqual(['authorization', 'Basic eyJ']);
  });
});

describe('sending a probe on a raw socket', () => {
  let server: NetServer;
  let url: string;
  const received: string[] = [];
  let answer = '';

  beforeAll(async () => {
    server = createNetServer((socket) => {
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        if (!data.includes('\r\n\r\n')) return;
        received.push(data);
        if (answer) socket.end(answer);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('delivers a line break inside the credential byte for byte and reads a chunked answer', async () => {
    answer =
      'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token"\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    const res = await urlTarget(url).send(probe({ credential: { kind: 'token', token: 'abc\r\n def' } }), 2000);
    expect(received.at(-1)).toMatch(/^GET \/orders HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\nauthorization: Bearer abc\r\n def\r\n/);
    expect(res).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: 'hello world' });
  });

  it('gives up with a timeout when the target never answers', async () => {
    answer = '';
    await expect(urlTarget(url).send(probe({ credential: { kind: 'token', token: 'a\nb' } }), 200)).rejects.toBeInstanceOf(TargetTimeout);
  });

  it('reports a closed port as an unreachable target', async () => {
    const closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(
      urlTarget(`http://127.0.0.1:${port}`).send(probe({ credential: { kind: 'token', token: 'a\nb' } }), 1000),
    ).rejects.toMatchObject({
      code: 'ERR_TARGET_UNREACHABLE',
    });
  });

  it('skips interim 1xx answers and stops the body at content-length', () => {
    const bytes = Buffer.from(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nokEXTRA',
    );
    expect(parseRawResponse(bytes)).toEqual({ status: 400, headers: { 'content-length': '2', 'set-cookie': ['a=1', 'b=2'] }, body: 'ok' });
    expect(() => parseRawResponse(Buffer.from('HTTP/1.1 200 OK\r\n'))).toThrow(
      'the target closed the connection in the middle of its HTTP answer',
    );
  });
});

describe('an in-process app target', () => {
  it('sends a line break on a socket to the loopback server of an in-process app, node:http for the rest', async () => {
    const target = await appTarget((req, res) => res.end(String(req.headers.authorization)));
    try {
      const plain = await target.send(probe({ credential: { kind: 'token', token: 'abc' } }), 2000);
      expect(plain).toMatchObject({ status: 200, body: 'Bearer abc' });
      // Node's HTTP parser refuses obs-fold before the app sees it: a 400, not a client-side throw.
      const folded = await target.send(probe({ credential: { kind: 'token', token: 'abc\r\n def' } }), 2000);
      expect(folded.status).toBe(400);
      const huge = await target.send(probe({ credential: { kind: 'token', token: '.'.repeat(100_000) } }), 2000);
      expect(huge.status).toBe(431);
    } finally {
      await target.close();
    }
  });
});
