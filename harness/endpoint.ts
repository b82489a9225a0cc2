/** An endpoint of the target API and the scopes it needs, parsed from `"METHOD /path[ scope1 scope2]"`. */
import type { Endpoint } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';

/** An endpoint given as an object in the config: a JSON body is serialised once, with its content type. */
export function endpointOf(e: {
  method: string;
  path: string;
  scopes?: string[];
  body?: unknown;
  headers?: Record<string, string>;
  acr?: string | string[];
  maxAge?: number;
}): Endpoint {
  const headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const json = e.body !== undefined && typeof e.body !== 'string';
  if (json && !headers['content-type']) headers['content-type'] = 'application/json';
  return {
    method: e.method.toUpperCase(),
    path: e.path,
    scopes: e.scopes ?? [],
    ...(e.body !== undefined ? { body: json ? JSON.stringify(e.body) : (e.body as string) } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(e.acr !== undefined ? { acr: typeof e.acr === 'string' ? [e.acr] : [...e.acr] } : {}),
    ...(e.maxAge !== undefined ? { maxAge: e.maxAge } : {}),
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function parseEndpoint(spec: string): Endpoint {
  const [method = '', path = '', ...scopes] = spec.trim().split(/\s+/);
  if (!METHODS.includes(method.toUpperCase()) || !path.startsWith('/')) {
    throw new HarnessError(
      'ERR_FLAG_INVALID',
      `endpoint "${spec}" is not "METHOD /path[ scope1 scope2]"; write it like --endpoint "GET /orders" or --endpoint "GET /admin admin"`,
    );
  }
  return { method: method.toUpperCase(), path, scopes };
}
