/**
 * The parameters of a token, introspection or revocation request, read the way RFC 6749 §3.2 says:
 * application/x-www-form-urlencoded, UTF-8, each parameter at most once. Anything else is a 400
 * invalid_request naming what is wrong, never a guess.
 * @see RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1
 */
import { MAX_BODY_BYTES, mediaType, readBody, utf8Text } from '../limits.ts';
import { oauthError, tooLarge } from './respond.ts';

export async function readForm(request: Request): Promise<{ form: URLSearchParams } | { error: Response }> {
  const type = mediaType(request);
  if (type !== 'application/x-www-form-urlencoded') {
    return {
      error: oauthError(
        400,
        'invalid_request',
        `send the parameters as application/x-www-form-urlencoded, not ${type || 'no content type'} (RFC 6749 §3.2)`,
      ),
    };
  }
  const body = await readBody(request);
  if (!body.ok)
    return {
      error:
        body.reason === 'too-large' ? tooLarge(MAX_BODY_BYTES) : oauthError(400, 'invalid_request', 'the request body could not be read'),
    };
  const text = utf8Text(body.bytes);
  if (text === undefined) return { error: oauthError(400, 'invalid_request', 'the request body is not UTF-8') };
  const form = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const name of form.keys()) {
    if (seen.has(name))
      return { error: oauthError(400, 'invalid_request', `parameter ${printable(name)} is sent more than once (RFC 6749 §3.2)`) };
    seen.add(name);
  }
  return { form };
}

/** A parameter name for an error description: short, and nothing a terminal would act on. */
export function printable(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}

/** A required parameter, or the invalid_request that says it is missing. */
export function required(form: URLSearchParams, name: string): { value: string } | { error: Response } {
  const value = form.get(name);
  if (value === null || value === '') return { error: oauthError(400, 'invalid_request', `parameter ${name} is required`) };
  return { value };
}
