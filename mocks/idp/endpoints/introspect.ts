/**
 * Token introspection: active=false for expired, revoked, unknown or forged tokens; client
 * authentication required; a request without a token is invalid_request. @see RFC 7662 §2
 */
import { inactiveReason, isRefreshToken, verifyOwn } from '../own-tokens.ts';
import { authenticateClient } from './client-auth.ts';
import { readForm, required } from './form.ts';
import { json } from './respond.ts';
import type { TokenDeps } from './token.ts';

export async function introspect(request: Request, deps: TokenDeps): Promise<Response> {
  const read = await readForm(request);
  if ('error' in read) return read.error;
  const auth = authenticateClient(request, read.form, deps.state);
  if ('error' in auth) return auth.error;
  const token = required(read.form, 'token');
  if ('error' in token) return token.error;
  const own = await verifyOwn(token.value, deps.keys, deps.issuer);
  if (!own || inactiveReason(own, deps.state, deps.clock)) return json({ active: false });
  const c = own.claims;
  return json({
    active: true,
    token_type: isRefreshToken(own) ? 'refresh_token' : 'access_token',
    scope: c.scope,
    client_id: c.client_id,
    sub: c.sub,
    aud: c.aud,
    iss: c.iss,
    exp: c.exp,
    iat: c.iat,
    ...(c.nbf !== undefined ? { nbf: c.nbf } : {}),
    jti: c.jti,
  });
}
