/**
 * Serve a Node request handler on 127.0.0.1, port 0 (any free port) unless told otherwise: every
 * target the project starts (reference, gateway, flawed, third-party, test doubles) listens this way.
 */
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export interface LoopbackOptions extends ServerOptions {
  port?: number;
  host?: string;
  /**
   * Serve HTTPS with this certificate and key (PEM). `requestCert`: ask the client for a certificate
   * (RFC 8705 mTLS) without requiring one or checking its chain in the handshake: the app decides.
   */
  tls?: { key: string; cert: string; requestCert?: boolean };
}

export async function serveOnLoopback(handler: RequestListener, options: LoopbackOptions = {}): Promise<Listening> {
  const { port = 0, host = '127.0.0.1', tls, ...serverOptions } = options;
  const server = tls
    ? createHttpsServer(
        { ...serverOptions, key: tls.key, cert: tls.cert, requestCert: tls.requestCert ?? false, rejectUnauthorized: false },
        handler,
      )
    : createServer(serverOptions, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port free on 127.0.0.1 right now: for an API that must be configured with the IdP's port before the IdP starts. */
export async function freePort(): Promise<number> {
  const probe = await serveOnLoopback(() => {});
  const port = Number(new URL(probe.url).port);
  await probe.close();
  return port;
}
