/**
 * Client authentication at the token, introspection and revocation endpoints: HTTP Basic or
 * client_secret_post. @see RFC 6749 §2.3.1
 */
import type { ClientRegistration, IdpState } from '../state.ts';
import { oauthError } from './respond.ts';

export function authenticateClient(
  request: Request,
  form: URLSearchParams,
  state: IdpState,
): { client: ClientRegistration } | { error: Response } {
  let id = form.get('client_id');
  let secret = form.get('client_secret');
  const auth = request.headers.get('authorization');
  if (auth && /^basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
      try {
        id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        // Malformed percent-encoding: the client failed to authenticate (401), not a server error.
        id = secret = null;
      }
    }
  }
  const client = id ? state.clients.get(id) : undefined;
  if (!client || !secret || client.clientSecret !== secret || state.blockedClients.has(client.clientId)) {
    return {
      error: oauthError(401, 'invalid_client', 'client authentication failed', {
        'www-authenticate': 'Basic realm="token-gauntlet"',
      }),
    };
  }
  return { client };
}
