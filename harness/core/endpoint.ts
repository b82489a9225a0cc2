/** An endpoint of the target API and the scopes it needs (parsed by harness/endpoint.ts). */
export interface Endpoint {
  method: string;
  path: string;
  scopes: string[];
  /** A request body every probe carries (an OpenAPI operation's example), unless the token goes in a form. */
  body?: { contentType: string; text: string };
}

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.path}`;
}
