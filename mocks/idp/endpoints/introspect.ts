/**
 * Token introspection: active=false for expired, revoked, unknown or forged tokens; client
 * authentication required; a request without a token is invalid_request. @see RFC 7662 §2
 */
import { inactiveReason, isRefreshToken, verifyOwn } from '../own-tokens.ts';
import { authenticateClient } from './client-auth.ts';
import { readForm, required } from './form.ts';
import { json, oauthError } from './respond.ts';
import type { TokenDeps } from './token.ts';

export async function introspect(request: Request, deps: TokenDeps & { stallMs?: number }): Promise<Response> {
  const read = await readForm(request);
  if ('error' in read) return read.error;
  const auth = authenticateClient(request, read.form, deps.state);
  if ('error' in auth) return auth.error;
  const token = required(read.form, 'token');
  if ('error' in token) return token.error;
  const scoped = await scopedFailure(token.value, deps);
  if (scoped) return scoped;
  const own = await verifyOwn(token.value, deps.keys, deps.issuer);
  if (!own || inactiveReason(own, deps.state, deps.clock)) return json({ active: false });
  const c = own.claims;
  return json({
    active: true,
    token_type: isRefreshToken(own) ? 'refresh_token' : 'access_token',
    scope: c.scope,
    client_id: c.client_id,
    sub: c.sub,
    aud: c.aud,
    iss: c.iss,
    exp: c.exp,
    iat: c.iat,
    ...(c.nbf !== undefined ? { nbf: c.nbf } : {}),
    jti: c.jti,
  });
}

/** A failure injected for this one token (by its jti, read without verifying): others introspect normally. */
async function scopedFailure(token: string, deps: TokenDeps & { stallMs?: number }): Promise<Response | undefined> {
  if (deps.state.tokenFaults.size === 0) return undefined;
  const mode = deps.state.introspectionFailure(unverifiedJti(token));
  if (mode === 'fail') return oauthError(503, 'temporarily_unavailable', 'introspect failure injected by token-gauntlet');
  if (mode === 'stall') {
    await deps.state.stall(deps.stallMs ?? 10_000);
    return oauthError(504, 'temporarily_unavailable', 'introspect stalled by token-gauntlet');
  }
  return undefined;
}

function unverifiedJti(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti?: unknown };
    return typeof claims.jti === 'string' ? claims.jti : undefined;
  } catch {
    return undefined;
  }
}
