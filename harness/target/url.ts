/**
 * The URL client: node:http (or https), so the harness controls every header byte. Ordinary probes go
 * over keep-alive connections (one agent per target); a probe gets a fresh connection where its bytes
 * need one: a raw or oversized request (raw.ts), a probe that says `connection: close` or accepts a
 * closed connection as its answer (REJECT), and every probe after a connection ended without an HTTP
 * answer (the idle connections are dropped then). A request that fails on a reused connection before
 * any byte of an answer (the target closed it while idle: the keep-alive race) is sent once more on a
 * fresh connection, which is what a probe on its own connection would have met.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { HarnessError } from '../core/errors.ts';
import type { RawResponse } from '../core/observation.ts';
import type { Probe } from '../probe.ts';
import { needsRaw, sendRaw } from './raw.ts';
import { readLargeBody } from './reclaim.ts';
import {
  connectionEnded,
  DEFAULT_MAX_BODY,
  interrupted,
  NoHttpAnswer,
  onAbort,
  TargetTimeout,
  type Target,
  type TargetLimits,
} from './types.ts';

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
    readLargeBody(this.length);
    return this.buf.toString('utf8', 0, this.length);
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

/** Idle keep-alive connections are closed by us after this long (before most servers' own 5 s). */
const IDLE_MS = 2000;

/** A probe whose bytes need a connection of its own. */
function wantsFreshConnection(probe: Probe): boolean {
  return (
    probe.expect.includes('REJECT') ||
    probe.headers.some(([name, value]) => name.toLowerCase() === 'connection' && !/keep-alive/i.test(value))
  );
}

/** The connection ended before any answer on a socket that had served an answer before: the target closed it while idle. */
function staleConnection(err: unknown, req: ClientRequest, answered: boolean): boolean {
  if (answered || !req.reusedSocket) return false;
  const e = err as NodeJS.ErrnoException;
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'socket hang up';
}

export function urlTarget(base: string, limits: TargetLimits = {}): Target {
  const baseUrl = base.replace(/\/$/, '');
  const maxBody = limits.maxBody ?? DEFAULT_MAX_BODY;
  const secure = baseUrl.startsWith('https:');
  const tls = secure ? (limits.tls ?? {}) : {};
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, timeout: IDLE_MS, ...tls })
    : new HttpAgent({ keepAlive: true, timeout: IDLE_MS });
  const send = secure ? httpsRequest : httpRequest;
  /** Close the idle connections: the next probe opens a new one. */
  const dropIdle = (): void => {
    for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) (s as Socket).destroy();
  };

  const once = (probe: Probe, timeoutMs: number, fresh: boolean): Promise<RawResponse> => {
    const url = new URL(baseUrl + probe.path);
    const started = performance.now();
    return new Promise<RawResponse>((resolve, reject) => {
      if (limits.signal?.aborted) return reject(interrupted());
      let req: ClientRequest;
      let connected = false;
      let answered = false;
      try {
        req = send(url, { method: probe.method, headers: grouped(probe.headers), agent: fresh ? false : agent, ...(fresh ? tls : {}) });
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
      req.once('socket', (socket: Socket) => {
        if (req.reusedSocket || !socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.on('response', (res: IncomingMessage) => {
        answered = true;
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
        else if (staleConnection(err, req, answered)) reject(STALE);
        else reject(connectionEnded(baseUrl, err, connected));
      });
      req.end(probe.body);
    });
  };

  return {
    describe: baseUrl,
    baseUrl,
    async send(probe, timeoutMs) {
      // A server may answer a large request (431) and close before reading it all; a socket still reads that answer.
      if (needsRaw(probe)) return sendRaw(baseUrl, probe, timeoutMs, limits);
      try {
        return await once(probe, timeoutMs, wantsFreshConnection(probe)).catch((err: unknown) => {
          if (err === STALE) return once(probe, timeoutMs, true);
          throw err;
        });
      } catch (err) {
        if (err instanceof NoHttpAnswer) dropIdle();
        throw err;
      }
    },
    close: async () => agent.destroy(),
  };
}

/** A reused connection the target had closed while idle: the probe is sent again on a fresh one. */
const STALE = Symbol('stale keep-alive connection');
