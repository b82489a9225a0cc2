/**
 * An Observation: what the target answered, in the terms the checks judge: status, parsed
 * WWW-Authenticate challenges, a body excerpt, and the audit code read from wherever the API writes it.
 */
import { parseWwwAuthenticate, type Challenge } from './www-authenticate.ts';

/** A response as any target adapter returns it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  durationMs: number;
}

export interface Observation {
  status: number;
  headers: Record<string, string>;
  wwwAuthenticate: string[];
  challenges: Challenge[];
  challengeErrors: string[];
  body: string;
  json?: unknown;
  auditCode?: string;
  /** Where the audit code was looked for, for the failure sentence when none was found. */
  auditSource: string;
  durationMs: number;
}

export const BODY_EXCERPT = 2048;

export function observe(raw: RawResponse): Observation {
  const headers: Record<string, string> = {};
  let wwwAuthenticate: string[] = [];
  for (const [name, value] of Object.entries(raw.headers)) {
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
    body: raw.body.length > BODY_EXCERPT ? `${raw.body.slice(0, BODY_EXCERPT)}…` : raw.body,
    json,
    auditSource: 'none configured',
    durationMs: raw.durationMs,
  };
}
