/**
 * RFC 6750 answers. No credentials: a bare challenge without an error code (§3). invalid_request 400,
 * invalid_token 401, insufficient_scope 403 with the needed scope (§3.1); insufficient_user_authentication
 * 401 with acr_values and max_age (RFC 9470 §3). An IdP that cannot answer:
 * 503, the request fails closed. Bodies carry the audit code and a fixed, generic description.
 * @see RFC 6750 §3, §3.1
 */
import type { ServerResponse } from 'node:http';
import { DESCRIPTIONS, type AuditCode, type Rejection } from './rejection.ts';

/** What a DPoP API's challenge says besides RFC 6750's (RFC 9449 §7.1): its scheme and proof algorithms. */
export interface ChallengeScheme {
  scheme: 'Bearer' | 'DPoP';
  algs?: readonly string[];
  /** The protected resource metadata URL, for `resource_metadata` in every challenge (RFC 9728 §5.1). */
  resourceMetadata?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The audit code, or null when the request was served. */
  code: AuditCode | 'NotFound' | 'MethodNotAllowed' | 'InternalError' | null;
}

const STATUS: Record<Rejection['kind'], number> = {
  no_credentials: 401,
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  unavailable: 503,
  invalid_dpop_proof: 401,
  use_dpop_nonce: 401,
  insufficient_user_authentication: 401,
};

/** RFC 9110 §5.6.4 quoted-string. */
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function challenge(realm: string, rejection: Rejection, scheme: ChallengeScheme): string | undefined {
  const params = [`realm=${quote(realm)}`];
  if (rejection.kind === 'unavailable') return undefined;
  if (rejection.kind !== 'no_credentials') {
    params.push(`error=${quote(rejection.kind)}`, `error_description=${quote(DESCRIPTIONS[rejection.code])}`);
  }
  if (rejection.kind === 'insufficient_scope') params.push(`scope=${quote((rejection.scope ?? []).join(' '))}`);
  if (rejection.acrValues?.length) params.push(`acr_values=${quote(rejection.acrValues.join(' '))}`);
  if (rejection.maxAge !== undefined) params.push(`max_age=${rejection.maxAge}`);
  if (scheme.algs?.length) params.push(`algs=${quote(scheme.algs.join(' '))}`);
  if (scheme.resourceMetadata) params.push(`resource_metadata=${quote(scheme.resourceMetadata)}`);
  return `${scheme.scheme} ${params.join(', ')}`;
}

export function reject(rejection: Rejection, realm: string, scheme: ChallengeScheme = { scheme: 'Bearer' }): Answer {
  const www = challenge(realm, rejection, scheme);
  const error =
    rejection.kind === 'unavailable' ? 'temporarily_unavailable' : rejection.kind === 'no_credentials' ? 'unauthorized' : rejection.kind;
  return {
    status: STATUS[rejection.kind],
    headers: {
      ...(www ? { 'www-authenticate': www } : {}),
      ...(rejection.kind === 'unavailable' ? { 'retry-after': '5' } : {}),
      ...(rejection.nonce ? { 'dpop-nonce': rejection.nonce } : {}),
    },
    body: { error, error_description: DESCRIPTIONS[rejection.code], code: rejection.code },
    code: rejection.code,
  };
}

export function ok(path: string, claims: Record<string, unknown>): Answer {
  const { sub, client_id, scope } = claims;
  return { status: 200, headers: {}, body: { ok: true, path, sub, client_id, scope }, code: null };
}

export function notFound(): Answer {
  return { status: 404, headers: {}, body: { error: 'not_found', error_description: 'no such resource' }, code: 'NotFound' };
}

export function methodNotAllowed(allow: string[]): Answer {
  return {
    status: 405,
    headers: { allow: allow.join(', ') },
    body: { error: 'method_not_allowed', error_description: 'method not allowed on this resource' },
    code: 'MethodNotAllowed',
  };
}

export function internalError(): Answer {
  return { status: 500, headers: {}, body: { error: 'server_error', error_description: 'internal error' }, code: 'InternalError' };
}

export function send(res: ServerResponse, answer: Answer, requestId: string): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-request-id': requestId,
    'content-length': Buffer.byteLength(body),
    ...answer.headers,
  });
  res.end(body);
}
