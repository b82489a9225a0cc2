/**
 * The reference API as a plain Node request handler (http.createServer, supertest), and a helper that
 * serves it on 127.0.0.1. Routing, body reading and the audit line live here; deciding lives in steps.ts.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from '../loopback.ts';
import { AuditLog } from './audit-log.ts';
import { JwksCache } from './jwks.ts';
import { resolveOptions, type ReferenceOptions } from './options.ts';
import type { Rejection } from './rejection.ts';
import { internalError, methodNotAllowed, notFound, ok, reject, send, type Answer, type ChallengeScheme } from './respond.ts';
import { DPOP_ALGS, NonceSource, ProofReplayCache } from './dpop.ts';
import { metadataAnswer, metadataLocation } from './resource-metadata.ts';
import { peerThumbprint } from './mtls.ts';
import { OPAQUE_STEPS, referenceSteps, runSteps, type StepContext, type Steps } from './steps.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_FORM_BYTES = 64 * 1024;
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

class BodyTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * What another front end over this same pipeline decides for itself (mocks/targets/gateway): where the
 * `Bearer …` credential comes from, and how a refusal is written. The steps stay the reference's.
 */
export interface Front {
  authorization(req: IncomingMessage): string | undefined;
  reject(rejection: Rejection, realm: string, scheme?: ChallengeScheme): Answer;
}

const RFC6750_FRONT: Front = { authorization: (req) => req.headers.authorization, reject };

export function createReferenceApi(options: ReferenceOptions, front: Front = RFC6750_FRONT): RequestHandler {
  const opts = resolveOptions(options);
  const steps: Steps = { ...referenceSteps, ...(opts.opaque ? OPAQUE_STEPS : {}) };
  for (const [name, step] of Object.entries(options.steps ?? {})) if (step) steps[name as keyof Steps] = step;
  const jwks = new JwksCache({
    uri: opts.jwksUri,
    clock: opts.clock,
    timeoutMs: opts.idpTimeoutMs,
    maxAge: opts.jwksMaxAge,
    refetchInterval: opts.unknownKidRefetchInterval,
  });
  // One key cache per other trusted issuer: each token is verified with its own issuer's keys only.
  const issuerKeys = new Map(
    opts.trustedIssuers.map((t) => [
      t.issuer,
      new JwksCache({
        uri: t.jwksUri,
        clock: opts.clock,
        timeoutMs: opts.idpTimeoutMs,
        maxAge: opts.jwksMaxAge,
        refetchInterval: opts.unknownKidRefetchInterval,
      }),
    ]),
  );
  const audit = opts.auditLog ? new AuditLog(opts.auditLog) : undefined;
  const replay = opts.dpop ? new ProofReplayCache() : undefined;
  const nonces = opts.dpop?.nonce ? new NonceSource(opts.dpop.nonceLifetime ?? 300, opts.clock.now()) : undefined;
  const metadata = opts.resourceMetadata ? metadataLocation(opts.resourceMetadata.resource) : undefined;
  const scheme: ChallengeScheme = {
    ...(opts.dpop ? { scheme: 'DPoP', algs: opts.dpop.algs ?? DPOP_ALGS } : { scheme: 'Bearer' }),
    ...(metadata ? { resourceMetadata: metadata.url } : {}),
  };
  // Each DPoP header as sent: two of them must not be read as one joined value.
  const dpopHeaders = (req: IncomingMessage): string[] => {
    const values: string[] = [];
    for (let n = 0; n + 1 < req.rawHeaders.length; n += 2)
      if (req.rawHeaders[n]!.toLowerCase() === 'dpop') values.push(req.rawHeaders[n + 1]!);
    return values;
  };

  const clientIdOf = (req: IncomingMessage): string | undefined => {
    const value = opts.clientIdHeader ? req.headers[opts.clientIdHeader] : undefined;
    return Array.isArray(value) ? value.join(', ') : value;
  };

  const decide = async (req: IncomingMessage, url: URL, ctx: { claims?: Record<string, unknown> }): Promise<Answer> => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (metadata && url.pathname === metadata.path) return metadataAnswer(method, opts);
    const onPath = opts.endpoints.filter((e) => e.path === url.pathname);
    if (onPath.length === 0) return notFound();
    const endpoint = onPath.find((e) => e.method === method);
    if (!endpoint) return methodNotAllowed(onPath.map((e) => e.method));
    let form: URLSearchParams | undefined;
    try {
      form = await readForm(req);
    } catch (err) {
      if (err instanceof BodyTooLarge)
        return {
          status: 413,
          headers: {},
          body: { error: 'invalid_request', error_description: 'request body too large' },
          code: 'InvalidRequest',
        };
      throw err;
    }
    const context: StepContext = {
      request: {
        method,
        path: url.pathname,
        authorization: front.authorization(req),
        query: url.searchParams,
        form,
        clientId: clientIdOf(req),
        ...(opts.dpop ? { dpop: dpopHeaders(req), origin: `http://${req.headers.host ?? '127.0.0.1'}` } : {}),
        ...(opts.mtls ? { certificateThumbprint: peerThumbprint(req) } : {}),
      },
      endpoint,
      options: opts,
      now: opts.clock.now(),
      jwks,
      replay,
      nonces,
      issuerKeys,
    };
    const rejection = await runSteps(context, steps).finally(() => {
      ctx.claims = context.claims;
    });
    return rejection ? front.reject(rejection, opts.realm, scheme) : ok(url.pathname, context.claims ?? {});
  };

  return (req, res) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    const seen: { claims?: Record<string, unknown> } = {};
    decide(req, url, seen)
      .catch((err: Error) => {
        process.stderr.write(`reference API: ${err.stack ?? err.message}\n`);
        return internalError();
      })
      .then(async (decided) => {
        const answer = options.rewrite
          ? options.rewrite(decided, {
              method: req.method ?? 'GET',
              path: url.pathname,
              authorization: front.authorization(req),
              claims: seen.claims,
            })
          : decided;
        const jti = seen.claims?.jti;
        await audit?.write({
          time: new Date(opts.clock.now() * 1000).toISOString(),
          requestId,
          jti: typeof jti === 'string' ? jti : null,
          status: answer.status,
          code: answer.code,
          method: req.method ?? 'GET',
          path: url.pathname,
        });
        send(res, answer, requestId);
      })
      .catch(() => res.destroy());
  };
}

export interface RunningReferenceApi {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the reference API on 127.0.0.1, port 0 (any free port) unless told otherwise; over HTTPS with
 * `tls` (a certificate and key, PEM), asking each client for its certificate when the API takes mTLS-bound tokens.
 */
export async function startReferenceApi(
  options: ReferenceOptions & { port?: number; host?: string; tls?: { key: string; cert: string } },
): Promise<RunningReferenceApi> {
  const { port, host, tls, ...rest } = options;
  return serveOnLoopback(createReferenceApi(rest), { port, host, ...(tls ? { tls: { ...tls, requestCert: rest.mtls === true } } : {}) });
}
