/**
 * A misbehaving target: a real server on 127.0.0.1 that validates tokens as the reference API does,
 * and then answers badly at the transport level: garbage instead of HTTP, a reset, a close mid-body, a
 * redirect to itself, nothing at all, 50 MB, half the headers, interim answers forever, an invalid
 * status line, a byte at a time. Whatever it does is the target's behaviour, and the harness must say
 * so per case (an observation, a NoHttpAnswer, a timeout), in bounded time and memory, and write its
 * reports: never "unexpected error".
 *
 * Most misbehave only where the reference would refuse (`on: 'refusals'`): a valid token is answered
 * properly, so the run gets past the baseline and every other probe meets the misbehaviour.
 */
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import { serveOnLoopback, type Listening } from '../loopback.ts';
import { createReferenceApi, type RequestHandler } from '../reference/app.ts';
import { referenceFor } from '../reference/gauntlet.config.ts';

/** The answer the reference API meant to send, held back. */
export interface HeldAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface Misbehaviour {
  /** kebab-case, the file name. */
  name: string;
  /** What it does, in one sentence. */
  does: string;
  /** Where it misbehaves: every answer that is not a 2xx, or every answer. */
  on: 'refusals' | 'every';
  /**
   * Answer in its own way instead of `answer`. `socket` is the connection, with nothing written to it
   * yet; `send` sends an HTTP answer the ordinary way (then `extra` bytes after the body).
   */
  act(ctx: { answer: HeldAnswer; req: IncomingMessage; socket: Socket; send(answer: HeldAnswer, extra?: Buffer): void }): void;
}

export function defineMisbehaviour(m: Misbehaviour): Misbehaviour {
  return m;
}

/** Hold back each answer of `handler` (written with writeHead + end) and let `m` send it, or not. */
export function misbehaving(handler: RequestHandler, m: Pick<Misbehaviour, 'on' | 'act'>): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const writeHead = res.writeHead.bind(res) as (status: number, headers: OutgoingHttpHeaders) => ServerResponse;
    const write = res.write.bind(res) as (chunk: Buffer) => boolean;
    const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse;
    let held: Omit<HeldAnswer, 'body'> = { status: 200, headers: {} };
    const send = (answer: HeldAnswer, extra?: Buffer): void => {
      writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length + (extra?.length ?? 0) });
      if (!extra) return void end(answer.body);
      write(answer.body);
      end(extra);
    };
    res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) => {
      held = { status, headers: headers ?? {} };
      return res;
    }) as typeof res.writeHead;
    res.end = ((body?: string | Buffer) => {
      const answer = { ...held, body: body === undefined ? Buffer.alloc(0) : Buffer.from(body) };
      if (m.on === 'every' || answer.status >= 300) m.act({ answer, req, socket: req.socket, send });
      else send(answer);
      return res;
    }) as typeof res.end;
    handler(req, res);
  };
}

/** The reference API trusting `env` (validating locally, declared stateless), misbehaving as `m` says. */
/** What a misbehaving target trusts: the IdP `gauntlet run --idp-port` will start at `issuer`. */
export function trustingIssuer(issuer: string): TargetEnv {
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: `${issuer}/token`,
    audience: 'https://api.example.test',
    introspection: { endpoint: `${issuer}/introspect`, clientId: 'gauntlet-client', clientSecret: '' },
  };
}

export function serveMisbehaving(m: Misbehaviour, env: TargetEnv): Promise<Listening> {
  return serveOnLoopback(
    misbehaving(createReferenceApi(referenceFor(env, { introspection: undefined, clientIdHeader: undefined, idpTimeoutMs: 400 })), m),
  );
}
