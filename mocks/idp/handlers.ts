/**
 * The IdP as one fetch-style handler, (Request) => Response: written once, served through node:http
 * on a real port and through msw in-process (serve.ts). Every request lands in the journal first.
 */
import { control } from './endpoints/control.ts';
import { discovery } from './endpoints/discovery.ts';
import { introspect } from './endpoints/introspect.ts';
import { jwks } from './endpoints/jwks.ts';
import { json, oauthError } from './endpoints/respond.ts';
import { revoke } from './endpoints/revoke.ts';
import { token, type TokenDeps } from './endpoints/token.ts';
import type { FailingEndpoint } from './state.ts';

export interface HandlerDeps extends TokenDeps {
  /** How long a stalled endpoint holds a request before answering 504. */
  stallMs: number;
}

export function createIdpHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const base = new URL(deps.issuer).pathname.replace(/\/$/, '');
  return async (request) => {
    const url = new URL(request.url);
    // The issuer may have a path (/tenant-a); match it on a segment boundary only.
    const underBase = base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`);
    const path = underBase ? url.pathname.slice(base.length) || '/' : url.pathname;
    if (!path.startsWith('/_gauntlet/journal')) {
      deps.state.record({
        method: request.method,
        path: url.pathname,
        query: url.search,
        via: path.startsWith('/_gauntlet/attacker') ? 'attacker' : 'idp',
        userAgent: request.headers.get('user-agent'),
      });
    }
    const failed = await injectedFailure(path, deps);
    if (failed) return failed;
    try {
      return await route(request, path, deps);
    } catch (err) {
      // A bug in the mock must show as a 500 with a reason, never crash the server it runs in.
      return oauthError(500, 'server_error', `mock IdP error: ${(err as Error).message}`);
    }
  };
}

async function route(request: Request, path: string, deps: HandlerDeps): Promise<Response> {
  switch (path) {
    case '/.well-known/openid-configuration':
    case '/.well-known/oauth-authorization-server':
      return discovery(deps.issuer, deps.keys);
    case '/jwks':
      return jwks(deps.keys);
    case '/token':
      return token(request, deps);
    case '/introspect':
      return introspect(request, deps);
    case '/revoke':
      return revoke(request, deps);
    case '/authorize':
      return oauthError(400, 'unsupported_response_type', 'the mock IdP issues tokens at /token only');
  }
  if (path.startsWith('/_gauntlet/attacker/')) {
    // The "attacker" host for jku/x5u forgeries: it answers, and the journal proves who fetched it.
    return json({ keys: [] });
  }
  if (path.startsWith('/_gauntlet/')) return control(request, path.slice('/_gauntlet/'.length), deps);
  return oauthError(404, 'invalid_request', `no such endpoint: ${path}`);
}

async function injectedFailure(path: string, deps: HandlerDeps): Promise<Response | undefined> {
  const which: FailingEndpoint | undefined =
    path === '/jwks' ? 'jwks' : path === '/introspect' ? 'introspect' : path.startsWith('/.well-known/') ? 'discovery' : undefined;
  if (!which) return undefined;
  const mode = deps.state.failure(which);
  if (mode === 'fail') return oauthError(503, 'temporarily_unavailable', `${which} failure injected by token-gauntlet`);
  if (mode === 'stall') {
    await deps.state.stall(deps.stallMs);
    return oauthError(504, 'temporarily_unavailable', `${which} stalled by token-gauntlet`);
  }
  return undefined;
}
