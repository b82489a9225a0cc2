/** An endpoint of the target API and the scopes it needs (parsed by harness/endpoint.ts). */
export interface Endpoint {
  method: string;
  path: string;
  scopes: string[];
}

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}
