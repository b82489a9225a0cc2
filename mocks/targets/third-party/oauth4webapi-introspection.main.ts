/**
 * Child entry: a resource server taking opaque tokens, validated only by introspection with panva's
 * oauth4webapi 3 as its README and typedoc lay it out: discoveryRequest + processDiscoveryResponse for
 * the IdP's metadata, then per request introspectionRequest(as, client, ClientSecretBasic(secret),
 * token) + processIntrospectionResponse(as, client, response), which checks that `active` is a boolean
 * and, for an RFC 9701 JWT answer, its typ, iss, aud and iat's presence. GAUNTLET_O4W_MODE:
 *   json        the default: RFC 7662 JSON answers;
 *   jwt         `requestJwtResponse: true` (client.introspection_signed_response_alg set); the typedoc of
 *               validateApplicationLevelSignature calls it "not mandatory" over TLS, so it is not called;
 *   jwt-signed  as `jwt`, and validateApplicationLevelSignature(as, response) after processing.
 * The IdP is on plain http on 127.0.0.1, so every call carries `allowInsecureRequests` (its documented switch).
 *
 * The HTTP side is ours, as small as RFC 6750 allows: a Bearer credential else 401 with a bare
 * challenge; active !== true, an `aud` not naming this API (RFC 7662 §4) or any error oauth4webapi
 * throws about the answer is 401 invalid_token; the IdP unreachable is 503; /admin needs `admin` in the
 * answer's space-separated `scope`, else 403 insufficient_scope.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { announce, childEnv } from './child.ts';

const ROUTES: Record<string, string> = { '/orders': '', '/admin': 'admin' };
const env = childEnv();
const mode = process.env.GAUNTLET_O4W_MODE ?? 'json';
const insecure = { [oauth.allowInsecureRequests]: true };

const issuer = new URL(env.issuer);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));
const client: oauth.Client = {
  client_id: env.introspection.clientId,
  ...(mode === 'json' ? {} : { introspection_signed_response_alg: process.env.GAUNTLET_O4W_ALG ?? 'ES256' }),
};
const clientAuth = oauth.ClientSecretBasic(env.introspection.clientSecret);

function send(res: ServerResponse, status: number, body: unknown, challenge?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(challenge ? { 'www-authenticate': challenge } : {}) });
  res.end(JSON.stringify(body));
}

const INVALID = 'Bearer error="invalid_token"';

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const scope = ROUTES[path];
  if (scope === undefined || req.method !== 'GET') return send(res, 404, { error: 'not_found' });
  const credential = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization ?? '');
  if (!/^Bearer\b/i.test(req.headers.authorization ?? '')) return send(res, 401, { error: 'unauthorized' }, 'Bearer');
  if (!credential) return send(res, 401, { error: 'invalid_token' }, INVALID);
  let answer: oauth.IntrospectionResponse;
  let response: Response;
  try {
    response = await oauth.introspectionRequest(as, client, clientAuth, credential[1]!, {
      ...insecure,
      signal: AbortSignal.timeout(1500),
      ...(mode === 'json' ? {} : { requestJwtResponse: true }),
    });
  } catch {
    return send(res, 503, { error: 'temporarily_unavailable' });
  }
  try {
    answer = await oauth.processIntrospectionResponse(as, client, response);
    if (mode === 'jwt-signed') await oauth.validateApplicationLevelSignature(as, response, insecure);
  } catch (err) {
    // A 5xx from the IdP is an outage; anything else wrong with the answer leaves the token unproven.
    if (response.status >= 500) return send(res, 503, { error: 'temporarily_unavailable' });
    void err;
    return send(res, 401, { error: 'invalid_token' }, INVALID);
  }
  const aud = answer.aud;
  const ours = aud === env.audience || (Array.isArray(aud) && aud.includes(env.audience));
  if (answer.active !== true || !ours) return send(res, 401, { error: 'invalid_token' }, INVALID);
  if (scope && !(typeof answer.scope === 'string' && answer.scope.split(' ').includes(scope))) {
    return send(res, 403, { error: 'insufficient_scope' }, `Bearer error="insufficient_scope", scope="${scope}"`);
  }
  send(res, 200, { ok: true, path, sub: answer.sub });
});

server.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
