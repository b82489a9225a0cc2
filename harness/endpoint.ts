/** An endpoint of the target API and the scopes it needs, parsed from `"METHOD /path[ scope1 scope2]"`. */
import { HarnessError } from './errors.ts';

export interface Endpoint {
  method: string;
  path: string;
  scopes: string[];
  /** A request body every probe carries (an OpenAPI operation's example), unless the token goes in a form. */
  body?: { contentType: string; text: string };
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

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}
