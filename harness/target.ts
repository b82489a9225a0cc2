/**
 * Targets: where probes go. A URL (node:http, so the harness controls every header byte), or an
 * in-process app driven through supertest on 127.0.0.1. Forged tokens go only to this target.
 */
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, isIP, type AddressInfo } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import supertest from 'supertest';
import { HarnessError } from './errors.ts';
import type { RawResponse } from './observe/observation.ts';
import type { Probe } from './probe.ts';

export interface Target {
  /** For messages and reports: the URL, or "in-process app". */
  describe: string;
  /** Base URL used in curl reproductions. */
  baseUrl: string;
  send(probe: Probe, timeoutMs: number): Promise<RawResponse>;
  close(): Promise<void>;
}

/** The target did not answer in time: a finding for the scenario, not a harness error. */
export class TargetTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** How a connection that was made ended without an HTTP answer. */
export type NoAnswerKind = 'reset' | 'closed' | 'incomplete' | 'not-http';

/**
 * The target took the connection but gave no (complete) HTTP answer: it reset or closed it, or sent
 * something that is not HTTP. An observation of the target's behaviour, judged like any answer (a
 * refusal for a request it must reject), never a harness error and never "unreachable".
 */
export class NoHttpAnswer extends Error {
  constructor(
    readonly kind: NoAnswerKind,
    detail: string,
  ) {
    super(detail);
  }
}

function grouped(headers: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Failures to connect at all: the only errors that make a target "unreachable". */
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'];

/** What a connection that was made ending in `err` means: unreachable only if it never connected. */
function connectionEnded(baseUrl: string, err: NodeJS.ErrnoException, connected: boolean): Error {
  if (!connected && UNREACHABLE.includes(err.code ?? '')) return unreachable(baseUrl, err);
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return new NoHttpAnswer('reset', `the target reset the connection (${err.code}) without an HTTP answer`);
  if (err.code === 'HPE_INVALID_CONSTANT' || err.code?.startsWith('HPE_')) return new NoHttpAnswer('not-http', `the target answered something that is not HTTP (${err.code})`);
  if (err.message === 'socket hang up') return new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer');
  return err;
}

function unreachable(baseUrl: string, err: NodeJS.ErrnoException): HarnessError {
  return new HarnessError('ERR_TARGET_UNREACHABLE', `cannot reach the target at ${baseUrl} (${err.code}); start your API there or fix --target`, {
    cause: err,
  });
}

/**
 * Write a probe byte for byte on a socket and read the answer: for header values node:http and
 * supertest refuse to send (a line break inside a credential). `connection: close` makes the end of
 * the stream the end of the answer.
 */
export function sendRaw(baseUrl: string, probe: Probe, timeoutMs: number): Promise<RawResponse> {
  const url = new URL(baseUrl.replace(/\/$/, '') + probe.path);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const body = probe.body === undefined ? undefined : Buffer.from(probe.body, 'utf8');
  const lines = [`${probe.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, ...probe.headers.map(([n, v]) => `${n}: ${v}`)];
  if (body) lines.push(`content-length: ${body.length}`);
  lines.push('connection: close', '', '');
  const started = performance.now();
  return new Promise<RawResponse>((resolve, reject) => {
    const socket = secure ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) }) : netConnect({ host, port });
    const chunks: Buffer[] = [];
    let connected = false;
    socket.once('connect', () => (connected = true));
    let settled = false;
    const settle = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) return reject(err);
      if (!chunks.length) return reject(new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer'));
      try {
        resolve({ ...parseRawResponse(Buffer.concat(chunks)), durationMs: performance.now() - started });
      } catch (parseErr) {
        reject(parseErr);
      }
    };
    const timer = setTimeout(() => settle(new TargetTimeout(timeoutMs)), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => settle());
    socket.on('close', () => settle());
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A target may answer (431, 400) and reset before reading all we wrote: the answer stands.
      if (chunks.length) settle();
      else settle(connectionEnded(baseUrl, err, connected));
    });
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), ...(body ? [body] : [])]));
  });
}

/** The first final (non-1xx) HTTP/1.1 answer in `bytes`: status, headers, and the body by length, chunks or close. */
export function parseRawResponse(bytes: Buffer): Omit<RawResponse, 'durationMs'> {
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) {
      if (/^HTTP\/\d/.test(rest.subarray(0, 8).toString('latin1')) || rest.length === 0) {
        throw new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer');
      }
      throw new NoHttpAnswer('not-http', `the target answered something that is not HTTP: "${rest.subarray(0, 80).toString('latin1')}"`);
    }
    const [statusLine = '', ...fields] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
    if (!status) throw new NoHttpAnswer('not-http', `the target answered something that is not HTTP: "${statusLine.slice(0, 80)}"`);
    rest = rest.subarray(end + 4);
    if (status < 200) continue;
    const headers: Record<string, string | string[]> = {};
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon <= 0) continue;
      const name = field.slice(0, colon).trim().toLowerCase();
      const value = field.slice(colon + 1).trim();
      const prev = headers[name];
      headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    const length = Number(headers['content-length']);
    const body = /\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''))
      ? dechunk(rest)
      : Number.isInteger(length)
        ? rest.subarray(0, length)
        : rest;
    return { status, headers, body: body.toString('utf8') };
  }
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    if (eol === -1) break;
    const size = parseInt(bytes.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Requests above this size may be answered before the server has read them all. */
const EARLY_ANSWER_BYTES = 8 * 1024;

function requestSize(probe: Probe): number {
  return probe.headers.reduce((n, [name, value]) => n + name.length + value.length + 4, probe.path.length + (probe.body?.length ?? 0));
}

export function urlTarget(base: string): Target {
  const baseUrl = base.replace(/\/$/, '');
  return {
    describe: baseUrl,
    baseUrl,
    send(probe, timeoutMs) {
      // A server may answer a large request (431) and close before reading it all; a socket still reads that answer.
      if (probe.raw || requestSize(probe) > EARLY_ANSWER_BYTES) return sendRaw(baseUrl, probe, timeoutMs);
      const url = new URL(baseUrl + probe.path);
      const started = performance.now();
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<RawResponse>((resolve, reject) => {
        let req: ReturnType<typeof httpRequest>;
        let connected = false;
        try {
          req = send(url, { method: probe.method, headers: grouped(probe.headers), agent: false });
        } catch (err) {
          reject(err);
          return;
        }
        const timer = setTimeout(() => {
          req.destroy(new TargetTimeout(timeoutMs));
        }, timeoutMs);
        req.once('socket', (socket) => socket.once('connect', () => (connected = true)));
        req.on('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              durationMs: performance.now() - started,
            });
          });
          res.on('error', (err: NodeJS.ErrnoException) => {
            clearTimeout(timer);
            reject(err instanceof TargetTimeout ? err : err.code === 'ECONNRESET' || err.message === 'aborted' ? new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer') : err);
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          if (err instanceof TargetTimeout) reject(err);
          else reject(connectionEnded(baseUrl, err, connected));
        });
        req.end(probe.body);
      });
    },
    close: async () => {},
  };
}

/** Anything supertest can drive: a Node request handler, a Koa app (callback()), a Fastify app (server + ready()). */
export type InProcessApp =
  | RequestListener
  | { callback(): RequestListener }
  | { server: Server; ready(): PromiseLike<unknown> }
  | Server;

/** Whether a value is one of the app shapes above. */
export function isInProcessApp(v: unknown): v is InProcessApp {
  if (typeof v === 'function') return true;
  if (typeof v !== 'object' || v === null) return false;
  return (
    typeof (v as { callback?: unknown }).callback === 'function' ||
    ('server' in v && typeof (v as { ready?: unknown }).ready === 'function') ||
    v instanceof Server
  );
}

async function toListener(app: InProcessApp): Promise<RequestListener | Server> {
  if (typeof app === 'function') return app;
  if ('callback' in app && typeof app.callback === 'function') return app.callback();
  if ('ready' in app && 'server' in app) {
    await app.ready();
    return app.server;
  }
  return app as Server;
}

export async function appTarget(app: InProcessApp): Promise<Target> {
  const listener = await toListener(app);
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  // supertest would listen on every interface; bind loopback ourselves and hand it the listening server.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = supertest(server);
  const { port } = server.address() as AddressInfo;
  return {
    describe: 'in-process app',
    baseUrl: `http://127.0.0.1:${port}`,
    async send(probe, timeoutMs) {
      // supertest refuses what node:http refuses, and msw (serving the IdP in process) intercepts node:http
      // and loses an answer sent before the request was read (431 to a huge header): use a socket then.
      if (probe.raw || requestSize(probe) > EARLY_ANSWER_BYTES) return sendRaw(`http://127.0.0.1:${port}`, probe, timeoutMs);
      const started = performance.now();
      const method = probe.method.toLowerCase() as 'get';
      let req = agent[method](probe.path).timeout(timeoutMs).ok(() => true);
      for (const [name, value] of Object.entries(grouped(probe.headers))) req = req.set(name, value as string);
      try {
        const res = probe.body !== undefined ? await req.send(probe.body) : await req;
        return { status: res.status, headers: res.headers as RawResponse['headers'], body: res.text ?? '', durationMs: performance.now() - started };
      } catch (err) {
        if ((err as { timeout?: number }).timeout) throw new TargetTimeout(timeoutMs);
        throw connectionEnded(`http://127.0.0.1:${port}`, err as NodeJS.ErrnoException, true);
      }
    },
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
