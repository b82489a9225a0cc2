/**
 * The same IdP handler served two ways: on node:http(s) at 127.0.0.1 (port 0 by default), and as msw
 * handlers for in-process tests, where nothing listens on a port.
 */
import { http, type HttpHandler } from 'msw';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../../harness/errors.ts';
import { nodeListener } from '../http-bridge.ts';
import { MockIdp, type IdpOptions } from './idp.ts';
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
  close(): Promise<void>;
}

export async function startIdp(opts: ServeOptions = {}): Promise<RunningIdp> {
  const host = opts.host ?? '127.0.0.1';
  let idp: MockIdp | undefined;
  const tls = opts.tls ? await createTlsMaterial([host, 'localhost']) : undefined;
  const scheme = tls ? 'https' : 'http';
  let origin = '';
  const listener = nodeListener((req) => idp!.handle(req), () => origin);
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const fail = (message: string) => reject(new HarnessError('ERR_IDP_LISTEN', message, { cause: err }));
      if (err.code !== 'EADDRINUSE') return fail(`the mock IdP cannot listen on ${host}:${opts.port ?? 0}: ${err.message}`);
      void isGauntletIdp(`${scheme}://${host.includes(':') ? `[${host}]` : host}:${opts.port}`).then((ours) =>
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
    idp = await MockIdp.create({ ...opts, issuer: opts.issuer ?? origin });
  } catch (err) {
    server.close();
    throw err;
  }
  return {
    idp,
    url: origin,
    caPath: tls?.caPath,
    close: () =>
      new Promise<void>((resolve) => {
        idp?.state.releaseStalls();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Whether what listens at `origin` is a gauntlet IdP (it answers the control API's journal), within a second. */
async function isGauntletIdp(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/_gauntlet/journal?since=999999999`, { signal: AbortSignal.timeout(1000) });
    return res.ok && Array.isArray(((await res.json()) as { entries?: unknown }).entries);
  } catch {
    return false;
  }
}

/** msw handlers answering every request under the issuer: spread them into your own setupServer(). */
export function idpHandlers(idp: MockIdp): HttpHandler[] {
  return [http.all(`${idp.issuer}/*`, ({ request }) => idp.handle(request))];
}
