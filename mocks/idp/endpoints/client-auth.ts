/**
 * Client authentication at the token, introspection and revocation endpoints: HTTP Basic or
 * client_secret_post, never both in one request. @see RFC 6749 §2.3.1
 */
import { sameSecret } from '../secret.ts';
import type { ClientRegistration, IdpState } from '../state.ts';
import { oauthError } from './respond.ts';

function failed(): { error: Response } {
  return {
    error: oauthError(401, 'invalid_client', 'client authentication failed', {
      'www-authenticate': 'Basic realm="token-gauntlet"',
    }),
  };
}

/** The Basic credentials, null when the header is absent, or 'malformed'. */
function basicCredentials(request: Request): { id: string; secret: string } | null | 'malformed' {
  const auth = request.headers.get('authorization');
  if (auth === null) return null;
  if (!/^basic +/i.test(auth)) return 'malformed';
  const decoded = Buffer.from(auth.replace(/^basic +/i, '').trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return 'malformed';
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    // Malformed percent-encoding: the client failed to authenticate (401), not a server error.
    return 'malformed';
  }
}

export function authenticateClient(
  request: Request,
  form: URLSearchParams,
  state: IdpState,
): { client: ClientRegistration } | { error: Response } {
  const basic = basicCredentials(request);
  const postedId = form.get('client_id');
  const postedSecret = form.get('client_secret');
  if (basic !== null && postedSecret !== null) {
    return {
      error: oauthError(
        400,
        'invalid_request',
        'use one client authentication method: HTTP Basic or client_secret in the body, not both (RFC 6749 §2.3)',
      ),
    };
  }
  if (basic === 'malformed') return failed();
  if (basic && postedId !== null && postedId !== basic.id) {
    return { error: oauthError(400, 'invalid_request', 'client_id in the body names another client than the Authorization header') };
  }
  const id = basic ? basic.id : postedId;
  const secret = basic ? basic.secret : postedSecret;
  const client = id ? state.clients.get(id) : undefined;
  if (!client || !secret || !sameSecret(secret, client.clientSecret) || state.blockedClients.has(client.clientId)) return failed();
  return { client };
}
