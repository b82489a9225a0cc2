/**
 * Targets: where probes go. A URL (node:http, so the harness controls every header byte), or an
 * in-process app driven through supertest on 127.0.0.1. Forged tokens go only to this target.
 */
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, isIP, type AddressInfo } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { HarnessError } from './core/errors.ts';
import type { RawResponse } from './core/observation.ts';
import type { Probe } from './probe.ts';

export interface Target {
  /** For messages and reports: the URL, or "in-process app". */
  describe: string;
  /** Base URL used in curl reproductions. */
  baseUrl: string;
  send(probe: Probe, timeoutMs: number): Promise<RawResponse>;
  close(): Promise<void>;
}

import { DEFAULT_MAX_BODY } from './defaults.ts';

export { DEFAULT_MAX_BODY };

/** What every request to a target is held to, besides its timeout. */
export interface TargetLimits {
  /** Bytes of an answer's body read at most; an answer with more is recorded as truncated (`RawResponse.truncated`). */
  maxBody?: number;
  /** Aborts a request in flight (Ctrl-C): it then rejects with ERR_INTERRUPTED. */
  signal?: AbortSignal;
}

/** The run was interrupted while a request was in flight: the request is abandoned, nothing is judged. */
export function interrupted(): HarnessError {
  return new HarnessError('ERR_INTERRUPTED', 'interrupted: the request in flight was abandoned');
}

/** Call `onAbort` when `signal` aborts; returns the function that stops listening. */
function onAbort(signal: AbortSignal | undefined, abort: () => void): () => void {
  if (!signal) return () => {};
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

/** Header bytes (and interim 1xx answers) a raw socket reads beyond the body cap. */
const HEAD_ROOM = 64 * 1024;

/**
 * A body read up to a cap, into one buffer sized by the announced length when there is one: no list of
 * chunks kept alongside a copy of them, so a large answer costs its capped size once, then its text.
 */
class CappedBody {
  private buf: Buffer;
  private length = 0;
  /** More bytes came than the cap. */
  truncated = false;

  constructor(
    private readonly max: number,
    announced?: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(max, Number.isInteger(announced) && announced! >= 0 ? announced! : 16 * 1024));
  }

  /** Take a chunk; false once past the cap (the rest is not wanted). */
  push(chunk: Buffer): boolean {
    const room = this.max - this.length;
    const take = Math.min(room, chunk.length);
    if (this.length + take > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.max, Math.max(this.buf.length * 2, this.length + take)));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.length, 0, take);
    this.length += take;
    if (chunk.length > room) this.truncated = true;
    return !this.truncated;
  }

  text(): string {
    return this.buf.toString('utf8', 0, this.length);
  }
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
  // node:http calls a close before a complete answer "socket hang up" (code ECONNRESET); a real reset is "read ECONNRESET".
  if (err.message === 'socket hang up') return new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer');
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return new NoHttpAnswer('reset', `the target reset the connection (${err.code}) without an HTTP answer`);
  if (err.code === 'HPE_INVALID_CONSTANT' || err.code?.startsWith('HPE_')) return new NoHttpAnswer('not-http', `the target answered something that is not HTTP (${err.code})`);
  if (err.message === 'aborted') return new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer');
  // TLS that fails (a certificate not trusted or expired, no protocol in common): nothing can be sent until it is fixed.
  if (TLS_FAILURE.test(err.code ?? '')) {
    return new HarnessError('ERR_TARGET_UNREACHABLE', `cannot talk TLS to the target at ${baseUrl} (${err.code}); give it a certificate the harness trusts (NODE_EXTRA_CA_CERTS) or fix --target`, { cause: err });
  }
  // Anything else that ends a connection once made is the target's doing, observed like a reset.
  if (connected) return new NoHttpAnswer('reset', `the connection ended without an HTTP answer (${err.code ?? err.message})`);
  return unreachable(baseUrl, err);
}

const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

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
export function sendRaw(baseUrl: string, probe: Probe, timeoutMs: number, limits: TargetLimits = {}): Promise<RawResponse> {
  const maxBody = limits.maxBody ?? DEFAULT_MAX_BODY;
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
    if (limits.signal?.aborted) return reject(interrupted());
    const socket = secure ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) }) : netConnect({ host, port });
    const chunks: Buffer[] = [];
    let read = 0;
    /** Stopped reading at the cap: what was read is all there will be. */
    let cut = false;
    let connected = false;
    socket.once('connect', () => (connected = true));
    let settled = false;
    const settle = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      socket.destroy();
      if (err) return reject(err);
      if (!chunks.length) return reject(new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer'));
      try {
        resolve({ ...parseRawResponse(Buffer.concat(chunks), { maxBody, cut }), durationMs: performance.now() - started });
      } catch (parseErr) {
        reject(parseErr);
      }
    };
    const timer = setTimeout(() => settle(new TargetTimeout(timeoutMs)), timeoutMs);
    const stopListening = onAbort(limits.signal, () => settle(interrupted()));
    socket.on('data', (c: Buffer) => {
      const room = maxBody + HEAD_ROOM - read;
      if (c.length < room) {
        chunks.push(c);
        read += c.length;
        return;
      }
      chunks.push(c.subarray(0, room));
      cut = true;
      settle();
    });
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

/**
 * The first final (non-1xx) HTTP/1.1 answer in `bytes`: status, headers, and the body by length, chunks
 * or close. `cut`: reading stopped at the cap, so the answer went on beyond `bytes`; a body is kept up
 * to `maxBody` bytes and marked truncated past it.
 */
export function parseRawResponse(bytes: Buffer, read: { maxBody?: number; cut?: boolean } = {}): Omit<RawResponse, 'durationMs'> {
  const maxBody = read.maxBody ?? DEFAULT_MAX_BODY;
  let rest = bytes;
  let interim = 0;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) {
      if (read.cut) {
        throw new NoHttpAnswer('not-http', `the target sent more than ${HEAD_ROOM} bytes without completing an HTTP answer's headers`);
      }
      if (interim > 0 && rest.length === 0) {
        throw new NoHttpAnswer('incomplete', `the target sent ${interim} interim (1xx) answer${interim > 1 ? 's' : ''} and no final one`);
      }
      if (/^HTTP\/\d/.test(rest.subarray(0, 8).toString('latin1')) || rest.length === 0) {
        throw new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer');
      }
      throw new NoHttpAnswer('not-http', `the target answered something that is not HTTP: "${rest.subarray(0, 80).toString('latin1')}"`);
    }
    const [statusLine = '', ...fields] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
    if (!status) throw new NoHttpAnswer('not-http', `the target answered something that is not HTTP: "${statusLine.slice(0, 80)}"`);
    rest = rest.subarray(end + 4);
    if (status < 200) {
      interim++;
      continue;
    }
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
    const chunked = /\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''));
    const chunks = chunked ? dechunk(rest) : undefined;
    const body = chunks ? chunks.body : Number.isInteger(length) ? rest.subarray(0, length) : rest;
    const complete = chunks ? chunks.complete : !Number.isInteger(length) || rest.length >= length;
    if (!complete && !read.cut) {
      throw new NoHttpAnswer('incomplete', `the target closed the connection in the middle of its HTTP answer (after ${body.length} body bytes${chunks ? '' : ` of ${length}`})`);
    }
    // Cut short: the body went on past what was read, or it is longer than the cap.
    const truncated = body.length > maxBody || (read.cut === true && !complete);
    return { status, headers, body: body.subarray(0, maxBody).toString('utf8'), ...(truncated ? { truncated: maxBody } : {}) };
  }
}

/** A chunked body's data; `complete` once its last (zero-size) chunk was read. */
function dechunk(bytes: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let at = 0;
  let complete = false;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    if (eol === -1) break;
    const size = parseInt(bytes.subarray(at, eol).toString('latin1'), 16);
    if (size === 0) complete = true;
    if (!(size > 0)) break;
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    if (eol + 2 + size > bytes.length) break;
    at = eol + 2 + size + 2;
  }
  return { body: Buffer.concat(parts), complete };
}

/** Requests above this size may be answered before the server has read them all. */
const EARLY_ANSWER_BYTES = 8 * 1024;

function requestSize(probe: Probe): number {
  return probe.headers.reduce((n, [name, value]) => n + name.length + value.length + 4, probe.path.length + (probe.body?.length ?? 0));
}

export function urlTarget(base: string, limits: TargetLimits = {}): Target {
  const baseUrl = base.replace(/\/$/, '');
  const maxBody = limits.maxBody ?? DEFAULT_MAX_BODY;
  return {
    describe: baseUrl,
    baseUrl,
    send(probe, timeoutMs) {
      // A server may answer a large request (431) and close before reading it all; a socket still reads that answer.
      if (probe.raw || requestSize(probe) > EARLY_ANSWER_BYTES) return sendRaw(baseUrl, probe, timeoutMs, limits);
      const url = new URL(baseUrl + probe.path);
      const started = performance.now();
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<RawResponse>((resolve, reject) => {
        if (limits.signal?.aborted) return reject(interrupted());
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
        const stopListening = onAbort(limits.signal, () => req.destroy(interrupted()));
        const done = (): void => {
          clearTimeout(timer);
          stopListening();
        };
        req.once('socket', (socket) => socket.once('connect', () => (connected = true)));
        req.on('response', (res: IncomingMessage) => {
          const body = new CappedBody(maxBody, Number(res.headers['content-length']));
          const answer = (): void => {
            done();
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: body.text(),
              durationMs: performance.now() - started,
              ...(body.truncated ? { truncated: maxBody } : {}),
            });
          };
          res.on('data', (c: Buffer) => {
            if (body.truncated || body.push(c)) return;
            // Past the cap: stop reading and close the connection; the answer stands, marked truncated.
            answer();
            req.destroy();
          });
          res.on('end', answer);
          res.on('error', (err: NodeJS.ErrnoException) => {
            done();
            reject(
              err instanceof TargetTimeout || err instanceof HarnessError
                ? err
                : err.code === 'ECONNRESET' || err.message === 'aborted'
                  ? new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer')
                  : err,
            );
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          done();
          if (err instanceof TargetTimeout || err instanceof HarnessError) reject(err);
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

/**
 * An in-process handler that throws (or rejects) would take the harness down with it: its connection is
 * ended instead, as a crashed server's would be, and `crashes` keeps why, by the probe's request id.
 */
function contained(listener: RequestListener, pending: Set<string>, crashes: Map<string, string>): RequestListener {
  return (req, res) => {
    const crashed = (err: unknown): void => {
      const id = Object.values(req.headers).find((v): v is string => typeof v === 'string' && pending.has(v));
      if (id) crashes.set(id, err instanceof Error ? err.message.split('\n')[0]! : String(err));
      res.destroy();
    };
    try {
      const out = listener(req, res) as unknown;
      if (out && typeof (out as PromiseLike<unknown>).then === 'function') (out as PromiseLike<unknown>).then(undefined, crashed);
    } catch (err) {
      crashed(err);
    }
  };
}

export async function appTarget(app: InProcessApp, limits: TargetLimits = {}): Promise<Target> {
  const listener = await toListener(app);
  const pending = new Set<string>();
  const crashes = new Map<string, string>();
  const server = typeof listener === 'function' ? createServer(contained(listener, pending, crashes)) : listener;
  // supertest would listen on every interface; bind loopback ourselves and hand it the listening server.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // supertest loads only for in-process apps.
  const { default: supertest } = await import('supertest');
  const agent = supertest(server);
  const { port } = server.address() as AddressInfo;
  const maxBody = limits.maxBody ?? DEFAULT_MAX_BODY;
  return {
    describe: 'in-process app',
    baseUrl: `http://127.0.0.1:${port}`,
    async send(probe, timeoutMs) {
      // supertest refuses what node:http refuses, and msw (serving the IdP in process) intercepts node:http
      // and loses an answer sent before the request was read (431 to a huge header): use a socket then.
      if (probe.raw || requestSize(probe) > EARLY_ANSWER_BYTES) return sendRaw(`http://127.0.0.1:${port}`, probe, timeoutMs, limits);
      if (limits.signal?.aborted) throw interrupted();
      const started = performance.now();
      const method = probe.method.toLowerCase() as 'get';
      // Our own parser reads the body up to the cap (superagent's limit would throw the answer away).
      let req = agent[method](probe.path).timeout(timeoutMs).ok(() => true).buffer(true).maxResponseSize(maxBody + HEAD_ROOM).parse(cappedText(maxBody) as never);
      for (const [name, value] of Object.entries(grouped(probe.headers))) req = req.set(name, value as string);
      let stopListening = (): void => {};
      const abandoned = new Promise<never>((_, reject) => {
        stopListening = onAbort(limits.signal, () => {
          req.abort();
          reject(interrupted());
        });
      });
      pending.add(probe.requestId);
      try {
        const res = await Promise.race([probe.body !== undefined ? req.send(probe.body) : req, abandoned]);
        const body = res.body as CappedText;
        return {
          status: res.status,
          headers: res.headers as RawResponse['headers'],
          body: body.text ?? '',
          durationMs: performance.now() - started,
          ...(body.truncated ? { truncated: maxBody } : {}),
        };
      } catch (err) {
        if (err instanceof HarnessError) throw err;
        if ((err as { timeout?: number }).timeout) throw new TargetTimeout(timeoutMs);
        const crash = crashes.get(probe.requestId);
        if (crash !== undefined) throw new NoHttpAnswer('reset', `the app threw while answering (${crash}), so the connection ended without an HTTP answer`);
        throw connectionEnded(`http://127.0.0.1:${port}`, err as NodeJS.ErrnoException, true);
      } finally {
        stopListening();
        pending.delete(probe.requestId);
        crashes.delete(probe.requestId);
      }
    },
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

interface CappedText {
  text: string;
  truncated: boolean;
}

/** A superagent parser: the body as text, up to `maxBody` bytes; past it, reading stops and the answer is marked truncated. */
function cappedText(maxBody: number) {
  return (res: IncomingMessage, callback: (err: Error | null, body: CappedText) => void): void => {
    const body = new CappedBody(maxBody, Number(res.headers['content-length']));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      callback(null, { text: body.text(), truncated: body.truncated });
    };
    res.on('data', (c: Buffer | string) => {
      if (done || body.push(typeof c === 'string' ? Buffer.from(c) : c)) return;
      finish();
      res.destroy();
    });
    res.on('end', finish);
  };
}
