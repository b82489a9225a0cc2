/**
 * Targets: where probes go. A URL (node:http, so the harness controls every header byte), or an
 * in-process app driven through supertest on 127.0.0.1. Forged tokens go only to this target.
 */
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { HarnessError } from './errors.ts';
import type { RawResponse } from './observe/observation.ts';
import type { Probe } from './probe.ts';

export interface Target {
  /** For messages and reports: the URL, or "in-process app". */
  describe: string;
  /** Base URL used in curl reproductions. */
  baseUrl: string;
  send(probe: Probe, timeoutMs: number): Promise<RawResponse>;
  close(): Promise<void>;
}

/** The target did not answer in time: a finding for the scenario, not a harness error. */
export class TargetTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
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

export function urlTarget(base: string): Target {
  const baseUrl = base.replace(/\/$/, '');
  return {
    describe: baseUrl,
    baseUrl,
    send(probe, timeoutMs) {
      const url = new URL(baseUrl + probe.path);
      const started = performance.now();
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<RawResponse>((resolve, reject) => {
        let req: ReturnType<typeof httpRequest>;
        try {
          req = send(url, { method: probe.method, headers: grouped(probe.headers), agent: false });
        } catch (err) {
          reject(err);
          return;
        }
        const timer = setTimeout(() => {
          req.destroy(new TargetTimeout(timeoutMs));
        }, timeoutMs);
        req.on('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              durationMs: performance.now() - started,
            });
          });
          res.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          if (err instanceof TargetTimeout) reject(err);
          else if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN'].includes(err.code ?? '')) {
            reject(
              new HarnessError(
                'ERR_TARGET_UNREACHABLE',
                `cannot reach the target at ${baseUrl} (${err.code}); start your API there or fix --target`,
                { cause: err },
              ),
            );
          } else reject(err);
        });
        req.end(probe.body);
      });
    },
    close: async () => {},
  };
}

/** Anything supertest can drive: a Node request handler, a Koa app (callback()), a Fastify app (server + ready()). */
export type InProcessApp =
  | RequestListener
  | { callback(): RequestListener }
  | { server: Server; ready(): PromiseLike<unknown> }
  | Server;

async function toListener(app: InProcessApp): Promise<RequestListener | Server> {
  if (typeof app === 'function') return app;
  if ('callback' in app && typeof app.callback === 'function') return app.callback();
  if ('ready' in app && 'server' in app) {
    await app.ready();
    return app.server;
  }
  return app as Server;
}

export async function appTarget(app: InProcessApp): Promise<Target> {
  const listener = await toListener(app);
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  // supertest would listen on every interface; bind loopback ourselves and hand it the listening server.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = supertest(server);
  const { port } = server.address() as AddressInfo;
  return {
    describe: 'in-process app',
    baseUrl: `http://127.0.0.1:${port}`,
    async send(probe, timeoutMs) {
      const started = performance.now();
      const method = probe.method.toLowerCase() as 'get';
      let req = agent[method](probe.path).timeout(timeoutMs).ok(() => true);
      for (const [name, value] of Object.entries(grouped(probe.headers))) req = req.set(name, value as string);
      try {
        const res = probe.body !== undefined ? await req.send(probe.body) : await req;
        return { status: res.status, headers: res.headers as RawResponse['headers'], body: res.text ?? '', durationMs: performance.now() - started };
      } catch (err) {
        if ((err as { timeout?: number }).timeout) throw new TargetTimeout(timeoutMs);
        throw err;
      }
    },
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
