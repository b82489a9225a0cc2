/**
 * Ask the IdP whether a token is still active. Anything but a well-formed answer in time throws
 * IdpUnavailable, so the API fails closed instead of trusting a token it could not check.
 * @see RFC 7662 §2.1, §2.2
 */
import type { IntrospectionOptions } from './options.ts';
import { IdpUnavailable } from './rejection.ts';

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding. */
function basicAuth(clientId: string, clientSecret: string): string {
  const enc = (s: string): string => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}

export async function isActive(token: string, opts: IntrospectionOptions, timeoutMs: number): Promise<boolean> {
  let body: unknown;
  try {
    const response = await fetch(opts.endpoint, {
      method: 'POST',
      headers: {
        authorization: basicAuth(opts.clientId, opts.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (err) {
    throw new IdpUnavailable('IntrospectionUnavailable', `introspection failed: ${(err as Error).message}`, { cause: err });
  }
  const active = (body as { active?: unknown } | null)?.active;
  if (typeof active !== 'boolean') throw new IdpUnavailable('IntrospectionUnavailable', 'introspection answer has no boolean "active"');
  return active;
}
