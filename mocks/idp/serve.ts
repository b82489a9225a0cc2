/**
 * The same IdP handler served two ways: on node:http(s) at 127.0.0.1 (port 0 by default:
 * http-server.ts), and as msw handlers for in-process tests, where nothing listens on a port.
 */
import { http, type HttpHandler } from 'msw';
import type { MockIdp } from './idp.ts';

export { startIdp, type RunningIdp, type ServeOptions } from './http-server.ts';

/**
 * msw handlers answering every request under the issuer: spread them into your own setupServer().
 * Matched by a predicate, not a URL pattern: msw decodes a pattern's path and answers a malformed
 * percent-escape (`/%FF`) with a 500 and its stack trace before the IdP could answer it.
 */
export function idpHandlers(idp: MockIdp): HttpHandler[] {
  const issuer = new URL(idp.issuer);
  const base = issuer.pathname.replace(/\/$/, '');
  const underIssuer = ({ request }: { request: Request }): boolean => {
    const url = new URL(request.url);
    return url.origin === issuer.origin && (base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`));
  };
  return [http.all(underIssuer, ({ request }) => idp.handle(request))];
}
