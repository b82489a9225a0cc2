/**
 * Child entry: jose 6 by hand on plain node:http, the way jose's README leads a resource server to
 * write it (README "JSON Web Tokens (JWT)": "JWT Claims Set Validation & Signature Verification using
 * the jwtVerify function", "Using a remote JSON Web Key Set (JWKS)", whose example is
 * `createRemoteJWKSet(new URL(jwksUri))` then `jwtVerify(jwt, JWKS, { issuer, audience })`), with
 * every option at jose's defaults.
 *
 * The HTTP side is ours and as small as RFC 6750 allows: a Bearer credential (scheme in any case, one
 * or more spaces) else 401 with a bare `Bearer` challenge; anything jwtVerify throws is 401
 * `invalid_token`; /admin needs `admin` in the space-separated `scope` string, else 403
 * insufficient_scope. Findings about those answers are about this code, not jose. Nothing introspects.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { announce, childEnv } from './child.ts';

/** Path → the scope it needs ('' for none). */
const ROUTES: Record<string, string> = { '/orders': '', '/admin': 'admin' };

const env = childEnv();
const JWKS = createRemoteJWKSet(new URL(env.jwksUri));

function send(res: ServerResponse, status: number, body: unknown, challenge?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(challenge ? { 'www-authenticate': challenge } : {}) });
  res.end(JSON.stringify(body));
}

function hasScope(payload: JWTPayload, scope: string): boolean {
  return typeof payload.scope === 'string' && payload.scope.split(' ').includes(scope);
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const scope = ROUTES[path];
  if (scope === undefined || req.method !== 'GET') return send(res, 404, { error: 'not_found' });
  const credential = /^Bearer(?: +(.*))?$/i.exec(req.headers.authorization ?? '');
  if (!credential) return send(res, 401, { error: 'unauthorized' }, 'Bearer');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(credential[1] ?? '', JWKS, { issuer: env.issuer, audience: env.audience }));
  } catch {
    return send(res, 401, { error: 'invalid_token' }, 'Bearer error="invalid_token"');
  }
  if (scope && !hasScope(payload, scope)) {
    return send(res, 403, { error: 'insufficient_scope' }, `Bearer error="insufficient_scope", scope="${scope}"`);
  }
  send(res, 200, { ok: true, path, sub: payload.sub });
});

server.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
