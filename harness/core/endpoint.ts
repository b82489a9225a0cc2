/** An endpoint of the target API and the scopes it needs (parsed by harness/endpoint.ts). */
export interface Endpoint {
  method: string;
  path: string;
  scopes: string[];
  /** The request body every probe of this endpoint carries (a JSON-RPC call), already serialised. */
  body?: string;
  /** Headers every probe of this endpoint carries (content-type, accept, a protocol version). */
  headers?: Record<string, string>;
}

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}
