/**
 * Who may talk to the IdP at all, checked before any endpoint runs: the request must name one of the
 * IdP's own authorities (Host, against DNS rebinding), and a browser request must come from the IdP's
 * own origin (Origin and Sec-Fetch-Site, against a web page POSTing to it). Servers and the harness
 * send neither header, so they are unaffected.
 */
import { oauthError } from './endpoints/respond.ts';

export interface Guard {
  /** URL.host values the IdP answers to. */
  authorities: ReadonlySet<string>;
  /** Origins (scheme://host) a browser request may come from: the IdP's own. */
  origins: ReadonlySet<string>;
}

export function guardFor(authorities: Iterable<string>, schemes: readonly string[]): Guard {
  const set = new Set([...authorities].map((a) => a.toLowerCase()));
  return { authorities: set, origins: new Set([...set].flatMap((a) => schemes.map((s) => `${s}://${a}`))) };
}

/** Fetch metadata a browser sends: anything but same-origin or a typed-in URL is another site's page. */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

export function refusal(request: Request, url: URL, guard: Guard): Response | undefined {
  const host = url.host.toLowerCase();
  if (!guard.authorities.has(host)) {
    return oauthError(
      421,
      'invalid_request',
      `this IdP does not answer to the host name ${JSON.stringify(host.slice(0, 100))}; call it by its issuer's name, or start it with --issuer naming the host your API uses`,
    );
  }
  const origin = request.headers.get('origin');
  if (origin !== null && !guard.origins.has(origin.toLowerCase())) {
    return oauthError(403, 'access_denied', 'requests from another origin are refused: the mock IdP serves no web page');
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) {
    return oauthError(403, 'access_denied', 'requests from another site are refused: the mock IdP serves no web page');
  }
  return undefined;
}
