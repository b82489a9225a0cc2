/** Small Response builders shared by the endpoints. */

/**
 * A JSON answer. Not cacheable unless the caller says otherwise: `Cache-Control: no-store` with
 * `Pragma: no-cache` for HTTP/1.0 caches, as RFC 6749 §5.1 asks of token responses.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const cacheControl = headers['cache-control'] ?? 'no-store';
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': cacheControl,
      ...(cacheControl === 'no-store' ? { pragma: 'no-cache' } : {}),
      ...headers,
    },
  });
}

/** An OAuth error response. @see RFC 6749 §5.2 */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return json({ error, error_description: description }, status, headers);
}

/** 405 with the Allow header RFC 9110 §15.5.6 requires. */
export function methodNotAllowed(method: string, path: string, allow: readonly string[]): Response {
  return oauthError(405, 'invalid_request', `${method} is not allowed on ${path}; use ${allow.join(' or ')}`, { allow: allow.join(', ') });
}

export function tooLarge(max: number): Response {
  return oauthError(413, 'invalid_request', `the request body is larger than the mock IdP reads (${max} bytes)`, { connection: 'close' });
}
