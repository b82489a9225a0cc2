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
import { CappedBody } from './capped-body.ts';
import { carries, KeptAliveFailure, keepAlivePool, parseErrorCode } from './keep-alive.ts';
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

  /** Ordinary probes to an http: target go through undici (keep-alive.ts); the rest through node:http above. */
  const pool = secure ? undefined : keepAlivePool(new URL(baseUrl).origin, limits, { idleMs: IDLE_MS });
  /** What a failure on a kept-alive connection means (a resend, an observation, or unreachable). */
  const keptFailure = async (probe: Probe, timeoutMs: number, err: unknown): Promise<RawResponse> => {
    if (!(err instanceof KeptAliveFailure)) throw err;
    const cause = err.cause;
    // Something undici will not send as given: node:http sends it.
    if (cause.code === 'UND_ERR_INVALID_ARG') return once(probe, timeoutMs, false);
    if (!err.answered && err.reused && KEEP_ALIVE_RACE.includes(cause.code ?? '')) throw STALE;
    // Bytes that are not HTTP: named by the HPE_ code node:http gives the same bytes (undici keeps only
    // llhttp's reason; keep-alive.ts maps it back). A reason not known there (a newer llhttp) is left to
    // node:http, which reads the answer again on a connection of its own and names it, as it always has.
    if (cause.name === 'HTTPParserError') {
      const code = parseErrorCode(cause);
      if (code === undefined) return once(probe, timeoutMs, true);
      throw connectionEnded(baseUrl, Object.assign(new Error(cause.message), { code }), true);
    }
    if (err.answered && MID_ANSWER.includes(cause.code ?? ''))
      throw new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer');
    // undici's "other side closed" is node:http's "socket hang up": a close before any answer.
    if (cause.code === 'UND_ERR_SOCKET') throw new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer');
    throw connectionEnded(baseUrl, cause, err.connected);
  };
  /** The path and query node:http sends for a probe's path (what `new URL` makes of it), remembered: probes repeat a few paths. */
  const paths = new Map<string, string>();
  const requestPath = (path: string): string => {
    let sent = paths.get(path);
    if (sent === undefined) {
      const url = new URL(baseUrl + path);
      sent = url.pathname + url.search;
      if (paths.size >= PATHS_KEPT) paths.clear();
      paths.set(path, sent);
    }
    return sent;
  };

  /**
   * After a failed send (`keptAlive`: on a kept-alive connection, so `keptFailure` says what it means):
   * a probe whose reused connection had gone stale sent again on a fresh one, and the idle connections
   * dropped after a NoHttpAnswer. Only a failure comes here: an answer takes one promise, no more.
   */
  const recover = async (probe: Probe, timeoutMs: number, err: unknown, keptAlive: boolean): Promise<RawResponse> => {
    try {
      if (!keptAlive) throw err;
      return await keptFailure(probe, timeoutMs, err).catch((e: unknown) => {
        if (e === STALE) return once(probe, timeoutMs, true);
        throw e;
      });
    } catch (e) {
      if (e instanceof NoHttpAnswer) {
        dropIdle();
        pool?.dropIdle();
      }
      throw e;
    }
  };

  /** A probe's answer, or how it ended without one. */
  const sent = (probe: Probe, timeoutMs: number): Promise<RawResponse> => {
    // A server may answer a large request (431) and close before reading it all; a socket still reads that
    // answer. Its connection is its own: how it ends says nothing of the kept-alive ones, which stay.
    if (needsRaw(probe)) return sendRaw(baseUrl, probe, timeoutMs, limits);
    const fresh = wantsFreshConnection(probe);
    if (!pool || fresh || !carries(probe))
      return once(probe, timeoutMs, fresh).then(undefined, (err: unknown) => recover(probe, timeoutMs, err, false));
    return pool
      .send(probe, requestPath(probe.path), maxBody, timeoutMs)
      .then(undefined, (err: unknown) => recover(probe, timeoutMs, err, true));
  };

  return {
    describe: baseUrl,
    baseUrl,
    send(probe, timeoutMs) {
      try {
        return sent(probe, timeoutMs);
      } catch (err) {
        // A path no URL can hold: the same rejection as ever, never a throw.
        return Promise.reject(err as Error);
      }
    },
    close: async () => {
      agent.destroy();
      await pool?.close();
    },
  };
}

/** How a reused connection the target had closed while idle fails a request before any answer. */
const KEEP_ALIVE_RACE = ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'];
/** How a connection that ends in the middle of an answer fails it. */
const MID_ANSWER = ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'];

/** Distinct probe paths whose request path is remembered (a property run makes many; they are cheap to compute again). */
const PATHS_KEPT = 1024;

/** A reused connection the target had closed while idle: the probe is sent again on a fresh one. */
const STALE = Symbol('stale keep-alive connection');
