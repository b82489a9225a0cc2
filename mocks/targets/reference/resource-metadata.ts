/**
 * RFC 9728 protected resource metadata, served at the well-known URL its resource identifier names:
 * the identifier, the issuer the API trusts, the scopes its endpoints need, the one bearer method it
 * reads, and whether it wants DPoP.
 * @see RFC 9728 §2, §3.1
 */
import { DPOP_ALGS } from './dpop.ts';
import type { ResolvedOptions } from './options.ts';
import { methodNotAllowed, type Answer } from './respond.ts';

/** `/.well-known/oauth-protected-resource` plus the identifier's path, on the identifier's origin. */
export function metadataLocation(resource: string): { path: string; url: string } {
  const path = `/.well-known/oauth-protected-resource${new URL(resource).pathname.replace(/\/$/, '')}`;
  return { path, url: new URL(path, resource).href };
}

export function metadataDocument(opts: ResolvedOptions): Record<string, unknown> {
  return {
    resource: opts.resourceMetadata!.resource,
    authorization_servers: [opts.issuer],
    scopes_supported: [...new Set(opts.endpoints.flatMap((e) => e.scopes))],
    bearer_methods_supported: ['header'],
    ...(opts.dpop
      ? { dpop_bound_access_tokens_required: true, dpop_signing_alg_values_supported: [...(opts.dpop.algs ?? DPOP_ALGS)] }
      : {}),
  };
}

export function metadataAnswer(method: string, opts: ResolvedOptions): Answer {
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(['GET', 'HEAD']);
  return { status: 200, headers: { 'cache-control': 'public, max-age=300' }, body: metadataDocument(opts), code: null };
}
