/** An endpoint of the target API and the scopes it needs, parsed from `"METHOD /path[ scope1 scope2]"`. */
import type { Endpoint } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';


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
