/**
 * The raw-socket client: a probe written byte for byte and its answer read by a small HTTP/1.1 parser,
 * for what node:http refuses to send (a line break inside a credential) and for requests large enough
 * that a server may answer (431) and close before reading them all, an answer a socket still reads.
 * Always a fresh connection, `connection: close`.
 */
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RawResponse } from '../core/observation.ts';
import type { Probe } from '../probe.ts';
import { readLargeBody } from './reclaim.ts';
import { connectionEnded, DEFAULT_MAX_BODY, interrupted, NoHttpAnswer, onAbort, TargetTimeout, type TargetLimits } from './types.ts';

/** Header bytes (and interim 1xx answers) a raw socket reads beyond the body cap. */
const HEAD_ROOM = 64 * 1024;

/** Requests above this size may be answered before the server has read them all. */
const EARLY_ANSWER_BYTES = 8 * 1024;

function requestSize(probe: Probe): number {
  return probe.headers.reduce((n, [name, value]) => n + name.length + value.length + 4, probe.path.length + (probe.body?.length ?? 0));
}

/** Whether a probe goes on a raw socket: bytes node:http refuses, or a request large enough to be answered early. */
export function needsRaw(probe: Probe): boolean {
  return probe.raw === true || requestSize(probe) > EARLY_ANSWER_BYTES;
}

/**
 * Write a probe byte for byte on a socket and read the answer: for header values node:http
 * refuses to send (a line break inside a credential). `connection: close` makes the end of
 * the stream the end of the answer.
 */
export function sendRaw(baseUrl: string, probe: Probe, timeoutMs: number, limits: TargetLimits = {}): Promise<RawResponse> {
  const maxBody = limits.maxBody ?? DEFAULT_MAX_BODY;
  const url = new URL(baseUrl.replace(/\/$/, '') + probe.path);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const body = probe.body === undefined ? undefined : Buffer.from(probe.body, 'utf8');
  const lines = [
    `${probe.method} ${url.pathname}${url.search} HTTP/1.1`,
    `host: ${url.host}`,
    ...probe.headers.map(([n, v]) => `${n}: ${v}`),
  ];
  if (body) lines.push(`content-length: ${body.length}`);
  lines.push('connection: close', '', '');
  const started = performance.now();
  return new Promise<RawResponse>((resolve, reject) => {
    if (limits.signal?.aborted) return reject(interrupted());
    const socket = secure
      ? tlsConnect({ host, port, ...limits.tls, ...(isIP(host) ? {} : { servername: host }) })
      : netConnect({ host, port });
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
      throw new NoHttpAnswer(
        'incomplete',
        `the target closed the connection in the middle of its HTTP answer (after ${body.length} body bytes${chunks ? '' : ` of ${length}`})`,
      );
    }
    // Cut short: the body went on past what was read, or it is longer than the cap.
    const truncated = body.length > maxBody || (read.cut === true && !complete);
    const kept = body.subarray(0, maxBody);
    readLargeBody(kept.length);
    return { status, headers, body: kept.toString('utf8'), ...(truncated ? { truncated: maxBody } : {}) };
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
