/**
 * The IdP on node:http(s) at 127.0.0.1 (port 0 by default): what `gauntlet idp` and `gauntlet run`
 * serve. Keys are ready before the port is bound and the IdP exists before the first request can be
 * read, so the first answer a client gets is a real one. Nothing here loads msw (serve.ts adds the
 * in-process handlers) or @peculiar/x509 unless --tls or a new certificate needs it.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdpError } from './errors.ts';
import { exposureWarning, isWildcard, servedAuthorities } from './authorities.ts';
import { MockIdp, type IdpOptions } from './idp.ts';
import { idpListener } from './listener.ts';
import { CONTROL_HEADER } from './secret.ts';

export interface ServeOptions extends Omit<IdpOptions, 'issuer'> {
  port?: number;
  /** Bind address. 127.0.0.1 unless told otherwise: forged tokens and the control API stay local. */
  host?: string;
  /** Issuer URL when it differs from the bind address (behind a proxy, a docker host name...). */
  issuer?: string;
  tls?: boolean;
}

export interface RunningIdp {
  idp: MockIdp;
  url: string;
  /** Path of the CA certificate when served over TLS. */
  caPath?: string;
  /** One line to print when the bind address is reachable from other machines (not loopback). */
  warning?: string;
  close(): Promise<void>;
}

export async function startIdp(opts: ServeOptions = {}): Promise<RunningIdp> {
  const host = opts.host ?? '127.0.0.1';
  let idp: MockIdp | undefined;
  // The slow parts first (keys, TLS material), before the port is bound: nothing can connect until the IdP can answer.
  const keys = await MockIdp.keysFor(opts);
  const tls = opts.tls ? await (await import('./tls.ts')).createTlsMaterial([host, 'localhost']) : undefined;
  const scheme = tls ? 'https' : 'http';
  let origin = '';
  const listener = idpListener((req) => (idp ? idp.handle(req) : Promise.resolve(starting())), {
    scheme,
    ownHost: () => new URL(origin).host,
    basePath: () => (idp ? new URL(idp.issuer).pathname.replace(/\/$/, '') : ''),
  });
  // A missing Host is the listener's to answer (JSON, like every other refusal), not node's bare 400.
  const serverOptions = { requireHostHeader: false };
  const server: Server = tls
    ? // node:https (and with it node:tls) is loaded only for --tls.
      (await import('node:https')).createServer({ key: tls.key, cert: tls.cert, ...serverOptions }, listener)
    : createHttpServer(serverOptions, listener);
  answerOutsideTheListener(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const fail = (message: string) => reject(new IdpError('ERR_IDP_LISTEN', message, { cause: err }));
      if (err.code !== 'EADDRINUSE') return fail(`the mock IdP cannot listen on ${host}:${opts.port ?? 0}: ${err.message}`);
      void isGauntletIdp(`${scheme}://${isWildcard(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${opts.port}`).then(
        (ours) =>
          fail(
            ours
              ? `a gauntlet IdP is already listening on port ${opts.port}; stop it first: gauntlet run starts its own IdP there, and with the same --keys your API keeps trusting it`
              : `port ${opts.port} is already in use; pick another with --idp-port/--port or use 0 for any free port`,
          ),
      );
    });
    server.listen(opts.port ?? 0, host, resolve);
  });
  // From here to `idp = …` nothing waits on I/O (the keys are made), so no request is read before the IdP exists.
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  origin = `${scheme}://${hostInUrl}:${port}`;
  try {
    const authorities = servedAuthorities({ scheme, host, port, issuer: opts.issuer });
    idp = await MockIdp.create({
      ...opts,
      keys,
      issuer: opts.issuer ?? origin,
      authorities: [...(opts.authorities ?? []), ...authorities],
    });
  } catch (err) {
    server.close();
    throw err;
  }
  // Node loads its fetch classes (Request, Response, Headers: its bundled undici, some 12 ms) on first
  // use, which would be the first request's. Loaded right after this returns instead, while the caller
  // announces the port and the client connects: synchronous, so a request arriving meanwhile waits for
  // it in the socket and is then read as usual.
  setImmediate(() => typeof Response);
  return {
    idp,
    url: origin,
    caPath: tls?.caPath,
    warning: exposureWarning(host, port),
    close: () =>
      new Promise<void>((resolve) => {
        idp?.state.releaseStalls();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Never expected (see above), but if a request did arrive before the IdP exists: a 503 to retry, not a 500. */
function starting(): Response {
  const body = JSON.stringify({ error: 'temporarily_unavailable', error_description: 'the mock IdP is starting; retry' });
  return new Response(body, {
    status: 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' },
  });
}

/**
 * What node answers before the listener runs, in the IdP's own JSON: a request line or headers it
 * cannot parse (400, 431 for headers too large, 408 for too slow), and CONNECT (405: the IdP is no proxy).
 */
function answerOutsideTheListener(server: Server): void {
  const raw = (status: number, reason: string, description: string, extra = '', head = false): string => {
    const body = JSON.stringify({ error: 'invalid_request', error_description: description });
    return (
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`
    );
  };
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable) return void socket.destroy();
    socket.on('error', () => {});
    // An answer to HEAD has no body, even when the rest of the request could not be parsed.
    const head = err.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    if (err.code === 'HPE_HEADER_OVERFLOW')
      socket.end(raw(431, 'Request Header Fields Too Large', 'the request headers are too large', '', head));
    else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      socket.end(raw(408, 'Request Timeout', 'the request took too long to arrive', '', head));
    else socket.end(raw(400, 'Bad Request', 'the request is not HTTP/1.1 this IdP can parse', '', head));
  });
  server.on('connect', (_req, socket) => {
    socket.on('error', () => {});
    socket.end(raw(405, 'Method Not Allowed', 'CONNECT is not allowed: the mock IdP is no proxy', 'Allow: GET, HEAD, POST, OPTIONS\r\n'));
  });
}

/** Whether what listens at `origin` is a gauntlet IdP (its control API asks for a run's secret), within a second. */
async function isGauntletIdp(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/_gauntlet/journal`, { headers: { [CONTROL_HEADER]: '' }, signal: AbortSignal.timeout(1000) });
    return res.status === 403 && ((await res.json()) as { error?: unknown }).error === 'control_secret_required';
  } catch {
    return false;
  }
}
