/** An endpoint of the target API and the scopes it needs (parsed by harness/endpoint.ts). */
import type { AuthenticationNeeds } from '../../mocks/idp/mint.ts';

export interface Endpoint {
  method: string;
  path: string;
  scopes: string[];
  /** The request body every probe of this endpoint carries (a JSON-RPC call), already serialised. */
  body?: string;
  /** Headers every probe of this endpoint carries (content-type, accept, a protocol version). */
  headers?: Record<string, string>;
  /** Step-up (RFC 9470): the acr values this endpoint accepts, any one of them; a token with another or none is refused. */
  acr?: string[];
  /** Step-up (RFC 9470): the longest time since the user authenticated (`auth_time`) this endpoint accepts, seconds. */
  maxAge?: number;
}

/** Whether the endpoint asks for step-up authentication (an acr, a maximum authentication age). */
export function requiresStepUp(e: Endpoint): boolean {
  return !!e.acr?.length || e.maxAge !== undefined;
}

/** What the baseline for `e` must carry to satisfy its step-up rules: its first acr value, a fresh auth_time. */
export function authenticationOf(e: Endpoint): AuthenticationNeeds {
  return { ...(e.acr?.length ? { acr: e.acr[0] } : {}), ...(e.maxAge !== undefined ? { maxAge: e.maxAge } : {}) };
}

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}
