/**
 * Revocation of access and refresh tokens. Answers 200 for unknown tokens too, as the RFC asks; a
 * request without a token is invalid_request. Opaque tokens are revoked by the jti recorded for them. @see RFC 7009 §2
 */
import { verifyOwn } from '../own-tokens.ts';
import { authenticateClient } from './client-auth.ts';
import { readForm, required } from './form.ts';
import { json } from './respond.ts';
import type { TokenDeps } from './token.ts';

export async function revoke(request: Request, deps: TokenDeps): Promise<Response> {
  const read = await readForm(request);
  if ('error' in read) return read.error;
  const auth = authenticateClient(request, read.form, deps.state);
  if ('error' in auth) return auth.error;
  const token = required(read.form, 'token');
  if ('error' in token) return token.error;
  const own = deps.state.opaque.own(token.value) ?? (await verifyOwn(token.value, deps.keys, deps.issuer));
  // RFC 7009 §2.1: a client may revoke only its own tokens.
  if (own && own.claims.client_id === auth.client.clientId && typeof own.claims.jti === 'string') {
    deps.state.revokedJtis.add(own.claims.jti);
  }
  return json({});
}
