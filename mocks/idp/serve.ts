/**
 * The same IdP handler served two ways: on node:http(s) at 127.0.0.1 (port 0 by default), and as msw
 * handlers for in-process tests, where nothing listens on a port.
 */
import { http, type HttpHandler } from 'msw';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../../harness/errors.ts';
import { exposureWarning, isWildcard, servedAuthorities } from './authorities.ts';
import { MockIdp, type IdpOptions } from './idp.ts';
import { idpListener } from './listener.ts';
import { CONTROL_HEADER } from './secret.ts';
import { createTlsMaterial } from './tls.ts';

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
  const tls = opts.tls ? await createTlsMaterial([host, 'localhost']) : undefined;
  const scheme = tls ? 'https' : 'http';
  let origin = '';
  const listener = idpListener((req) => idp!.handle(req), {
    scheme,
    ownHost: () => new URL(origin).host,
    basePath: () => (idp ? new URL(idp.issuer).pathname.replace(/\/$/, '') : ''),
  });
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  // CONNECT never reaches the listener: answer it here rather than drop the connection. The IdP is no proxy.
  server.on('connect', (_req, socket) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, OPTIONS\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const fail = (message: string) => reject(new HarnessError('ERR_IDP_LISTEN', message, { cause: err }));
      if (err.code !== 'EADDRINUSE') return fail(`the mock IdP cannot listen on ${host}:${opts.port ?? 0}: ${err.message}`);
      void isGauntletIdp(`${scheme}://${isWildcard(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${opts.port}`).then((ours) =>
        fail(
          ours
            ? `a gauntlet IdP is already listening on port ${opts.port}; stop it first: gauntlet run starts its own IdP there, and with the same --keys your API keeps trusting it`
            : `port ${opts.port} is already in use; pick another with --idp-port/--port or use 0 for any free port`,
        ),
      );
    });
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  origin = `${scheme}://${hostInUrl}:${port}`;
  try {
    const authorities = servedAuthorities({ scheme, host, port, issuer: opts.issuer });
    idp = await MockIdp.create({ ...opts, issuer: opts.issuer ?? origin, authorities: [...(opts.authorities ?? []), ...authorities] });
  } catch (err) {
    server.close();
    throw err;
  }
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

/** Whether what listens at `origin` is a gauntlet IdP (its control API asks for a run's secret), within a second. */
async function isGauntletIdp(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/_gauntlet/journal`, { headers: { [CONTROL_HEADER]: '' }, signal: AbortSignal.timeout(1000) });
    return res.status === 403 && ((await res.json()) as { error?: unknown }).error === 'control_secret_required';
  } catch {
    return false;
  }
}

/** msw handlers answering every request under the issuer: spread them into your own setupServer(). */
export function idpHandlers(idp: MockIdp): HttpHandler[] {
  return [http.all(`${idp.issuer}/*`, ({ request }) => idp.handle(request))];
}
