/**
 * node:http in front of the IdP's fetch-style handler, for whatever a socket can carry: the request
 * URL is rebuilt from the request line and Host (absolute-form included, RFC 9112 §3.2.2) so the
 * handler checks the name the client used; a body is read up to the cap and no further; a method a
 * fetch Request cannot hold (TRACE, TRACK) is answered 405 with Allow; anything unparseable is a 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed, oauthError, tooLarge } from './endpoints/respond.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { routeOf } from './routes.ts';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface ListenerOptions {
  scheme: 'http' | 'https';
  /** The server's own host:port, for an HTTP/1.0 request without Host. */
  ownHost: () => string;
  /** The path of the issuer (e.g. /tenant-a), stripped before a path is looked up. */
  basePath: () => string;
  maxBodyBytes?: number;
}

/** Bytes of an oversized body read and thrown away so the client sees the 413, not a reset. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

/** A Host value: a name or bracketed IPv6 literal, an optional port, nothing else. */
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:\d{0,5})?$/;

function requestUrl(req: IncomingMessage, opts: ListenerOptions): URL | undefined {
  const target = req.url ?? '/';
  try {
    if (target.startsWith('/')) {
      // HTTP/1.1 requires Host (RFC 9112 §3.2); an HTTP/1.0 request without one means this server.
      if (req.headers.host === undefined && req.httpVersion !== '1.0') return undefined;
      const host = req.headers.host ?? opts.ownHost();
      if (!HOST.test(host)) return undefined;
      return new URL(`${opts.scheme}://${host}${target}`);
    }
    // absolute-form: its authority wins over Host (RFC 9112 §3.2.2).
    const url = new URL(target);
    return url.protocol === `${opts.scheme}:` && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

type Read = { ok: true; body: Buffer } | { ok: false };

function readCapped(req: IncomingMessage, max: number): Promise<Read> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > max + DRAIN_LIMIT) return resolve({ ok: false });
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= max) chunks.push(chunk);
      else if (length > max + DRAIN_LIMIT) {
        req.removeAllListeners('data');
        req.pause();
        resolve({ ok: false });
      }
    });
    req.on('end', () => resolve(length <= max ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }));
    req.on('error', () => resolve({ ok: false }));
  });
}

async function answer(req: IncomingMessage, opts: ListenerOptions, handler: FetchHandler): Promise<Response> {
  const url = requestUrl(req, opts);
  if (!url) return oauthError(400, 'invalid_request', 'the request target or Host header is not a URL this IdP can serve');
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readCapped(req, opts.maxBodyBytes ?? MAX_BODY_BYTES);
    if (!read.ok) return tooLarge(opts.maxBodyBytes ?? MAX_BODY_BYTES);
    body = read.body;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    try {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    } catch {
      return oauthError(400, 'invalid_request', 'a request header value is not valid');
    }
  }
  let request: Request;
  try {
    request = new Request(url, { method, headers, body: body && body.length ? new Uint8Array(body) : null });
  } catch {
    // TRACE, TRACK and the like: no fetch Request can carry them, and the IdP takes none of them.
    const base = opts.basePath();
    const path = base && url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : url.pathname;
    const route = routeOf(path);
    if (!route) return oauthError(404, 'invalid_request', `no such endpoint: ${JSON.stringify(path.slice(0, 100))}`);
    return methodNotAllowed(
      method,
      path,
      route.allow.filter((m) => m !== 'OPTIONS'),
    );
  }
  return handler(request);
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A node:http request listener serving the IdP's handler. */
export function idpListener(handler: FetchHandler, opts: ListenerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    answer(req, opts, handler)
      .then((response) => write(res, response))
      .catch(() => {
        // Only a bug in this file gets here: answer without its text, and keep serving.
        if (res.headersSent) return void res.end();
        res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end('{"error":"server_error","error_description":"the mock IdP failed on this request; please report it"}');
      });
  };
}
