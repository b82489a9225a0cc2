/**
 * An Observation: what the target answered, in the terms the checks judge: status, parsed
 * WWW-Authenticate challenges, a body excerpt, and the audit code read from wherever the API writes it.
 */
import type { Observation, RawResponse } from '../core/observation.ts';
import { parseWwwAuthenticate } from './www-authenticate.ts';

export const BODY_EXCERPT = 2048;

/**
 * The first BODY_EXCERPT characters of `body`, as a string of their own: a slice would be a view
 * into the whole body and keep it alive for as long as the report holds the excerpt.
 */
export function excerpt(body: string): string {
  if (body.length <= BODY_EXCERPT) return body;
  return Buffer.from(`${body.slice(0, BODY_EXCERPT)}…`, 'utf8').toString('utf8');
}

/** The note a truncated answer gets, in every report. */
export function truncationNote(maxBody: number): string {
  return `answered more than ${maxBody} bytes; read the first ${maxBody} (--max-body)`;
}

export function observe(raw: RawResponse): Observation {
  const headers: Record<string, string> = {};
  let wwwAuthenticate: string[] = [];
  for (const name in raw.headers) {
    const value = raw.headers[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'www-authenticate') wwwAuthenticate = Array.isArray(value) ? value : [value];
    headers[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  const { challenges, errors } = parseWwwAuthenticate(wwwAuthenticate);
  let json: unknown;
  try {
    json = raw.body ? JSON.parse(raw.body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: raw.status,
    headers,
    wwwAuthenticate,
    challenges,
    challengeErrors: errors,
    body: excerpt(raw.body),
    json,
    auditSource: 'none configured',
    durationMs: raw.durationMs,
    ...(raw.truncated !== undefined ? { truncated: raw.truncated } : {}),
  };
}
