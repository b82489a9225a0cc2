/**
 * The IdP as one fetch-style handler, (Request) => Response: written once, served through node:http
 * on a real port (listener.ts) and through msw in-process (serve.ts). In order: Host and Origin
 * (guard.ts), the journal, the route and its methods (routes.ts), the run's secret for the control API,
 * injected failures, then the endpoint. Whatever arrives, the answer is a 4xx naming the problem, or
 * the endpoint's own answer; never an exception's text.
 */
import { control } from './endpoints/control.ts';
import { discovery } from './endpoints/discovery.ts';
import { introspect } from './endpoints/introspect.ts';
import { extraIssuerAnswer, type ExtraIssuer } from './issuers.ts';
import { jwks } from './endpoints/jwks.ts';
import { json, methodNotAllowed, oauthError } from './endpoints/respond.ts';
import { revoke } from './endpoints/revoke.ts';
import { token, type TokenDeps } from './endpoints/token.ts';
import { refusal, type Guard } from './guard.ts';
import { routeOf, type Route } from './routes.ts';
import { CONTROL_HEADER, sameSecret } from './secret.ts';
import type { FailingEndpoint } from './state.ts';

export interface HandlerDeps extends TokenDeps {
  /** How long a stalled endpoint holds a request before answering 504. */
  stallMs: number;
  /** The names and origins the IdP answers to. */
  guard: Guard;
  /** The run's control secret, required in the x-gauntlet-control header of every control call. */
  controlSecret: string;
  /** Issuers served beside the primary one, each with its own JWKS and discovery (issuers.ts). */
  extraIssuers?: readonly ExtraIssuer[];
}

export function createIdpHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const base = new URL(deps.issuer).pathname.replace(/\/$/, '');
  const controlKeys = { count: 0 };
  return async (request) => {
    try {
      return await handle(request, base, { ...deps, controlKeys });
    } catch (err) {
      // A bug in the mock: a 500 that says so, never the exception's text, and the server keeps running.
      if (process.env.GAUNTLET_DEBUG) process.stderr.write(`mock IdP error: ${(err as Error).stack ?? String(err)}\n`);
      return oauthError(
        500,
        'server_error',
        'the mock IdP failed on this request; run with GAUNTLET_DEBUG=1 to see why, and please report it',
      );
    }
  };
}

async function handle(request: Request, base: string, deps: HandlerDeps & { controlKeys: { count: number } }): Promise<Response> {
  const url = new URL(request.url);
  const refused = refusal(request, url, deps.guard);
  if (refused) return refused;
  // The issuer may have a path (/tenant-a); match it on a segment boundary only.
  const underBase = base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`);
  const path = underBase ? url.pathname.slice(base.length) || '/' : url.pathname;
  if (!path.startsWith('/_gauntlet/journal')) {
    deps.state.record({
      method: request.method,
      path: url.pathname,
      query: url.search,
      via: path.startsWith('/_gauntlet/attacker/') ? 'attacker' : 'idp',
      userAgent: request.headers.get('user-agent'),
    });
  }
  const extra = extraIssuerAnswer(request.method, path, deps.issuer, deps.extraIssuers ?? []);
  if (extra) return extra;
  const route = routeOf(path);
  if (!route) return oauthError(404, 'invalid_request', `no such endpoint: ${JSON.stringify(path.slice(0, 100))}`);
  if (route.endpoint === 'control' && !controlCallAllowed(request, route, deps.controlSecret)) {
    return oauthError(
      403,
      'control_secret_required',
      `the control API needs this run's secret in the ${CONTROL_HEADER} header (control_secret in the ready line of gauntlet idp)`,
    );
  }
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: route.allow.join(', ') } });
  if (!route.allow.includes(request.method))
    return methodNotAllowed(
      request.method,
      path,
      route.allow.filter((m) => m !== 'OPTIONS'),
    );
  const failed = await injectedFailure(route, deps);
  if (failed) return failed;
  switch (route.endpoint) {
    case 'discovery':
      return discovery(deps.issuer, deps.keys);
    case 'jwks':
      return jwks(deps.keys);
    case 'token':
      return token(request, deps);
    case 'introspect':
      return introspect(request, deps);
    case 'revoke':
      return revoke(request, deps);
    case 'authorize':
      return oauthError(400, 'unsupported_response_type', 'the mock IdP issues tokens at /token only');
    case 'attacker':
      // The "attacker" host for jku/x5u forgeries: it answers, and the journal proves who fetched it.
      return json({ keys: [] });
    case 'control':
      return control(request, route.call!, deps);
  }
}

/**
 * Every control call needs the run's secret, but one: the audit sink, which the API under test POSTs
 * its events to and which only knows the issuer. It still gets the Host, Origin and JSON-body checks,
 * and its events are capped (limits.ts).
 */
function controlCallAllowed(request: Request, route: Route, secret: string): boolean {
  if (route.call === 'audit' && (request.method === 'POST' || request.method === 'OPTIONS')) return true;
  return sameSecret(request.headers.get(CONTROL_HEADER), secret);
}

async function injectedFailure(route: Route, deps: HandlerDeps): Promise<Response | undefined> {
  const which: FailingEndpoint | undefined =
    route.endpoint === 'jwks' || route.endpoint === 'introspect' || route.endpoint === 'discovery' ? route.endpoint : undefined;
  if (!which) return undefined;
  const mode = deps.state.failure(which);
  if (mode === 'fail') return oauthError(503, 'temporarily_unavailable', `${which} failure injected by token-gauntlet`);
  if (mode === 'stall') {
    await deps.state.stall(deps.stallMs);
    return oauthError(504, 'temporarily_unavailable', `${which} stalled by token-gauntlet`);
  }
  return undefined;
}
