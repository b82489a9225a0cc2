/**
 * The in-process target: an app (a Node request handler, a Koa or Fastify app, an http.Server) is
 * listened on 127.0.0.1 port 0, as supertest itself does, and every probe goes through the URL client
 * (url.ts), keep-alive, raw sockets and body cap included: an in-process run and a URL run of the same
 * API give the same verdicts by construction. An app that throws while answering ends that connection,
 * as a crashed server's would, and the probe's NoHttpAnswer says why.
 */
import { createServer, Server, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NoHttpAnswer, type Target, type TargetLimits } from './types.ts';
import { urlTarget } from './url.ts';

/** An app in one of the shapes supertest drives: a Node request handler, a Koa app (callback()), a Fastify app (server + ready()), an http.Server. */
export type InProcessApp = RequestListener | { callback(): RequestListener } | { server: Server; ready(): PromiseLike<unknown> } | Server;

/** Whether a value is one of the app shapes above. */
export function isInProcessApp(v: unknown): v is InProcessApp {
  if (typeof v === 'function') return true;
  if (typeof v !== 'object' || v === null) return false;
  return (
    typeof (v as { callback?: unknown }).callback === 'function' ||
    ('server' in v && typeof (v as { ready?: unknown }).ready === 'function') ||
    v instanceof Server
  );
}

async function toListener(app: InProcessApp): Promise<RequestListener | Server> {
  if (typeof app === 'function') return app;
  if ('callback' in app && typeof app.callback === 'function') return app.callback();
  if ('ready' in app && 'server' in app) {
    await app.ready();
    return app.server;
  }
  return app as Server;
}

/**
 * An in-process handler that throws (or rejects) would take the harness down with it: its connection is
 * ended instead, as a crashed server's would be, and `crashes` keeps why, by the probe's request id.
 */
function contained(listener: RequestListener, pending: Set<string>, crashes: Map<string, string>): RequestListener {
  return (req, res) => {
    const crashed = (err: unknown): void => {
      const id = Object.values(req.headers).find((v): v is string => typeof v === 'string' && pending.has(v));
      if (id) crashes.set(id, err instanceof Error ? err.message.split('\n')[0]! : String(err));
      res.destroy();
    };
    try {
      const out = listener(req, res) as unknown;
      if (out && typeof (out as PromiseLike<unknown>).then === 'function') (out as PromiseLike<unknown>).then(undefined, crashed);
    } catch (err) {
      crashed(err);
    }
  };
}

export async function appTarget(app: InProcessApp, limits: TargetLimits = {}): Promise<Target> {
  const listener = await toListener(app);
  const pending = new Set<string>();
  const crashes = new Map<string, string>();
  const server = typeof listener === 'function' ? createServer(contained(listener, pending, crashes)) : listener;
  // Loopback only, never every interface.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = urlTarget(`http://127.0.0.1:${port}`, limits);
  return {
    describe: 'in-process app',
    baseUrl: client.baseUrl,
    async send(probe, timeoutMs) {
      pending.add(probe.requestId);
      try {
        return await client.send(probe, timeoutMs);
      } catch (err) {
        const crash = crashes.get(probe.requestId);
        if (err instanceof NoHttpAnswer && crash !== undefined) {
          throw new NoHttpAnswer('reset', `the app threw while answering (${crash}), so the connection ended without an HTTP answer`);
        }
        throw err;
      } finally {
        pending.delete(probe.requestId);
        crashes.delete(probe.requestId);
      }
    },
    close: async () => {
      await client.close();
      if (!server.listening) return;
      server.closeIdleConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
