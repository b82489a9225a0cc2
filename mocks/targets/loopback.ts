/**
 * Serve a Node request handler on 127.0.0.1, port 0 (any free port) unless told otherwise: every
 * target the project starts (reference, gateway, flawed, third-party, test doubles) listens this way.
 */
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export interface LoopbackOptions extends ServerOptions {
  port?: number;
  host?: string;
}

export async function serveOnLoopback(handler: RequestListener, options: LoopbackOptions = {}): Promise<Listening> {
  const { port = 0, host = '127.0.0.1', ...serverOptions } = options;
  const server = createServer(serverOptions, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
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
