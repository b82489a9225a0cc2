/**
 * An Observation: what the target answered, in the terms the checks judge: status, parsed
 * WWW-Authenticate challenges, a body excerpt, and the audit code read from wherever the API writes it
 * (built by harness/observe/observation.ts).
 */

/** One challenge: auth-scheme plus either a token68 or auth-params. @see RFC 9110 §11.6.1 */
export interface Challenge {
  /** As sent (e.g. "Bearer", "bearer"). */
  scheme: string;
  /** Present when the challenge carries a token68 instead of params. */
  token68?: string;
  /** Param names lower-cased (names are case-insensitive), values unquoted with backslash escapes removed; first occurrence wins. */
  params: Record<string, string>;
}

/** A response as any target adapter returns it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  durationMs: number;
  /** The answer went on past this many body bytes, which is all that was read (`body` holds them). */
  truncated?: number;
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
  /** The answer's body went on past this many bytes, which is all that was read. */
  truncated?: number;
}
