/**
 * The keep-alive client for ordinary probes to an `http:` target: undici (the Node team's HTTP/1.1
 * client, a fraction of node:http's cost per request), one undici `Client` (one connection, no
 * pipelining) per probe in flight, reused while idle. The answer is recorded as node:http records it
 * (headers named in lower case, duplicates kept as node:http keeps them), so the observation and the
 * verdict do not depend on which client sent the probe. Anything undici would send differently from
 * the probe's bytes (a header it sets itself, or refuses) is left to node:http (url.ts): see `carries`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Client as UndiciClient, Dispatcher } from 'undici';
import { Client } from './undici-client.ts';
import type { RawResponse } from '../core/observation.ts';
import type { Probe } from '../probe.ts';
import { CappedBody } from './capped-body.ts';
import { interrupted, onAbort, TargetTimeout, type TargetLimits } from './types.ts';

type Client = UndiciClient;

/** Headers undici writes itself or refuses from a caller: a probe carrying one goes through node:http instead. */
const OWN_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

/** A method token (RFC 9110 §5.6.2), what undici accepts. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether undici sends exactly this probe's request line and headers. */
export function carries(probe: Probe): boolean {
  return TOKEN.test(probe.method) && probe.headers.every(([name]) => !OWN_HEADERS.has(name.toLowerCase()));
}

/** node:http keeps only the first of these when an answer repeats them (IncomingMessage, matchKnownFields). */
const FIRST_ONLY = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);

/** An answer's raw header lines as node:http's `IncomingMessage.headers` holds them. */
export function nodeHeaders(raw: readonly Buffer[]): IncomingHttpHeaders {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    const prev = out[name];
    if (name === 'set-cookie') out[name] = prev === undefined ? [value] : [...(prev as string[]), value];
    else if (prev === undefined) out[name] = value;
    else if (FIRST_ONLY.has(name)) continue;
    else out[name] = `${prev}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return out;
}

/**
 * llhttp's reasons for refusing an answer, with the error name node:http gives each (its `HPE_` code).
 * undici runs the same llhttp but loses the name (it looks the number up in a map keyed by name), and
 * keeps the reason in its message; node:http's is the same reason ("Parse Error: <reason>"). Each pair
 * was read off node:http and undici answering the same bytes (keep-alive.test.ts checks them all).
 */
export const PARSE_ERRORS: ReadonlyMap<string, string> = new Map([
  ['Expected HTTP/, RTSP/ or ICE/', 'HPE_INVALID_CONSTANT'],
  ['Expected dot', 'HPE_INVALID_VERSION'],
  ['Expected space after version', 'HPE_INVALID_VERSION'],
  ['Invalid HTTP version', 'HPE_INVALID_VERSION'],
  ['Invalid major version', 'HPE_INVALID_VERSION'],
  ['Invalid minor version', 'HPE_INVALID_VERSION'],
  ['Invalid status code', 'HPE_INVALID_STATUS'],
  ['Invalid response status', 'HPE_INVALID_STATUS'],
  ['Missing expected CR after response line', 'HPE_CR_EXPECTED'],
  ['Unexpected space after start line', 'HPE_UNEXPECTED_SPACE'],
  ['Invalid header token', 'HPE_INVALID_HEADER_TOKEN'],
  ['Invalid header field char', 'HPE_INVALID_HEADER_TOKEN'],
  ['Invalid header value char', 'HPE_INVALID_HEADER_TOKEN'],
  ['Unexpected whitespace after header value', 'HPE_INVALID_HEADER_TOKEN'],
  ['Missing expected LF after header value', 'HPE_LF_EXPECTED'],
  ['Expected LF after CR', 'HPE_STRICT'],
  ['Expected LF after headers', 'HPE_STRICT'],
  ['Empty Content-Length', 'HPE_INVALID_CONTENT_LENGTH'],
  ['Invalid character in Content-Length', 'HPE_INVALID_CONTENT_LENGTH'],
  ["Content-Length can't be present with Transfer-Encoding", 'HPE_INVALID_CONTENT_LENGTH'],
  ['Invalid character in chunk size', 'HPE_INVALID_CHUNK_SIZE'],
  ['Chunk size overflow', 'HPE_INVALID_CHUNK_SIZE'],
  ['Expected LF after chunk size', 'HPE_STRICT'],
  ['Expected LF after chunk data', 'HPE_STRICT'],
  ['Invalid character in chunk extensions name', 'HPE_STRICT'],
  ['Invalid character in chunk extensions value', 'HPE_STRICT'],
  ['Invalid character in chunk extensions quoted value', 'HPE_STRICT'],
]);

/** The `HPE_` code node:http would give the bytes undici refused (its HTTPParserError), if the reason is a known one. */
export function parseErrorCode(err: Error): string | undefined {
  const reason = /^Response does not match the HTTP\/1\.1 protocol \((.*)\)$/s.exec(err.message)?.[1];
  return reason === undefined ? undefined : PARSE_ERRORS.get(reason);
}

/** How a probe on a kept-alive connection ended without an answer, for url.ts to judge (connectionEnded, or a resend). */
export class KeptAliveFailure extends Error {
  constructor(
    override readonly cause: NodeJS.ErrnoException,
    /** The connection was made (or reused): a failure is the target's doing, not "unreachable". */
    readonly connected: boolean,
    /** The connection had carried an answer before this probe: a close before any answer may be the keep-alive race. */
    readonly reused: boolean,
    /** Part of an answer (its status line and headers) had come. */
    readonly answered: boolean,
  ) {
    super(cause.message);
  }
}

interface Slot {
  client: Client;
  /** Answers completed on its current connection. */
  served: number;
  connected: boolean;
}

/** Idle connections kept at most this long (IDLE_MS in url.ts). */
export interface KeepAliveOptions {
  idleMs: number;
}

/** What an exchange hands its slot back to: the pool keeps it for the next probe, or closes it. */
interface Owner {
  release(slot: Slot, keep: boolean): void;
}

/**
 * One probe in flight: undici's handler for it and the ends of its promise. A class, so the handler's
 * methods are made once, not as closures per probe (the request path's own cost, bench/request-path.ts).
 */
class Exchange implements Dispatcher.DispatchHandler {
  private settled = false;
  private connected: boolean;
  private status = 0;
  private headers: IncomingHttpHeaders | undefined;
  private body: CappedBody | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly stopListening: () => void;

  constructor(
    private readonly owner: Owner,
    private readonly slot: Slot,
    signal: AbortSignal | undefined,
    private readonly maxBody: number,
    private readonly started: number,
    private readonly reused: boolean,
    private readonly resolve: (raw: RawResponse) => void,
    private readonly reject: (err: unknown) => void,
    timeoutMs: number,
  ) {
    this.connected = slot.connected;
    // A timeout or an interruption ends the probe and its connection, connected or not.
    this.timer = setTimeout(timedOut, timeoutMs, this, timeoutMs);
    this.stopListening = signal ? onAbort(signal, () => this.fail(interrupted())) : noop;
  }

  private finish(keep: boolean): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.stopListening();
    this.owner.release(this.slot, keep);
  }

  fail(err: unknown): void {
    if (this.settled) return;
    this.finish(false);
    if (err instanceof TargetTimeout || (err as { code?: string }).code === 'ERR_INTERRUPTED') this.reject(err);
    else this.reject(new KeptAliveFailure(err as NodeJS.ErrnoException, this.connected, this.reused, this.headers !== undefined));
  }

  private answer(keep: boolean): void {
    if (this.settled) return;
    this.finish(keep);
    const body = this.body!;
    const raw: RawResponse = {
      status: this.status,
      headers: this.headers!,
      body: body.text(),
      durationMs: performance.now() - this.started,
    };
    if (body.truncated) raw.truncated = this.maxBody;
    this.resolve(raw);
  }

  onConnect(): void {
    this.connected = true;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    const headers = nodeHeaders(rawHeaders);
    this.headers = headers;
    this.body = new CappedBody(this.maxBody, Number(headers['content-length']));
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled || this.body!.push(chunk)) return true;
    // Past the cap: the answer stands, marked truncated; the rest is not read and the connection closed.
    this.answer(false);
    return false;
  }

  onComplete(): void {
    this.slot.served++;
    this.answer(true);
  }

  onError(err: Error): void {
    this.fail(err);
  }
}

function timedOut(exchange: Exchange, timeoutMs: number): void {
  exchange.fail(new TargetTimeout(timeoutMs));
}

function noop(): void {}

/** A probe's headers as undici takes them: one flat array of names and values, in order. */
function flat(headers: ReadonlyArray<readonly [string, string]>): string[] {
  const out = new Array<string>(headers.length * 2);
  for (let i = 0; i < headers.length; i++) {
    out[2 * i] = headers[i]![0];
    out[2 * i + 1] = headers[i]![1];
  }
  return out;
}

export function keepAlivePool(origin: string, limits: TargetLimits, opts: KeepAliveOptions) {
  const idle: Slot[] = [];
  const all = new Set<Slot>();
  let closed = false;

  const open = (): Slot => {
    const client = new Client(origin, {
      pipelining: 1,
      keepAliveTimeout: opts.idleMs,
      keepAliveMaxTimeout: opts.idleMs,
      // Our own timer bounds each probe (TargetTimeout); undici's would end it with another error.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const slot: Slot = { client, served: 0, connected: false };
    client.on('connect', () => {
      slot.connected = true;
      slot.served = 0;
    });
    client.on('disconnect', () => {
      slot.connected = false;
      slot.served = 0;
    });
    all.add(slot);
    return slot;
  };
  const retire = (slot: Slot): void => {
    all.delete(slot);
    void slot.client.destroy().catch(() => {});
  };
  const owner: Owner = {
    release(slot, keep) {
      if (keep && !closed) idle.push(slot);
      else retire(slot);
    },
  };

  /** Send `probe` to `path` (its path and query, as node:http would send them) on an idle connection or a new one. */
  const send = (probe: Probe, path: string, maxBody: number, timeoutMs: number): Promise<RawResponse> => {
    const slot = idle.pop() ?? open();
    const reused = slot.connected && slot.served > 0;
    const started = performance.now();
    return new Promise<RawResponse>((resolve, reject) => {
      if (limits.signal?.aborted) {
        idle.push(slot);
        return reject(interrupted());
      }
      const exchange = new Exchange(owner, slot, limits.signal, maxBody, started, reused, resolve, reject, timeoutMs);
      try {
        slot.client.dispatch({ method: probe.method, path, headers: flat(probe.headers), body: probe.body }, exchange);
      } catch (err) {
        exchange.fail(err);
      }
    });
  };

  return {
    send,
    /** Close the idle connections: the next probe opens a new one. */
    dropIdle(): void {
      for (const slot of idle.splice(0)) retire(slot);
    },
    async close(): Promise<void> {
      closed = true;
      idle.length = 0;
      await Promise.all([...all].map((s) => s.client.destroy().catch(() => {})));
      all.clear();
    },
  };
}
