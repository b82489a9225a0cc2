/**
 * Revocation of access and refresh tokens. Answers 200 for unknown tokens too, as the RFC asks.
 * @see RFC 7009 §2
 */
import { verifyOwn } from '../own-tokens.ts';
import { authenticateClient } from './client-auth.ts';
import { formBody, json, oauthError } from './respond.ts';
import type { TokenDeps } from './token.ts';

export async function revoke(request: Request, deps: TokenDeps): Promise<Response> {
  if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'use POST');
  const form = await formBody(request);
  const auth = authenticateClient(request, form, deps.state);
  if ('error' in auth) return auth.error;
  const own = await verifyOwn(form.get('token') ?? '', deps.keys, deps.issuer);
  // RFC 7009 §2.1: a client may revoke only its own tokens.
  if (own && own.claims.client_id === auth.client.clientId && typeof own.claims.jti === 'string') {
    deps.state.revokedJtis.add(own.claims.jti);
  }
  return json({});
}
