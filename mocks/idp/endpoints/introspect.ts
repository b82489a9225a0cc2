/**
 * Token introspection: active=false for expired, revoked, unknown or forged tokens; client
 * authentication required; a request without a token is invalid_request. Opaque tokens are answered
 * from what the IdP recorded for them. An API that asks for it (Accept) gets the answer as a signed
 * JWT (RFC 9701). Faults scoped to one token (by its jti) fail, stall, garble or forge the answer.
 * @see RFC 7662 §2, RFC 9701 §4, §5
 */
import { inactiveReason, isRefreshToken, verifyOwn, type OwnToken } from '../own-tokens.ts';
import { compact, signInput } from '../jws.ts';
import type { IntrospectionGarbage, IntrospectionJwtForgery, TokenFault } from '../state.ts';
import { authenticateClient } from './client-auth.ts';
import { readForm, required } from './form.ts';
import { json, oauthError } from './respond.ts';
import type { TokenDeps } from './token.ts';

/** RFC 9701 §4: the media type an API asks for (Accept) to get the answer as a JWT. */
export const INTROSPECTION_JWT_TYPE = 'application/token-introspection+jwt';

export async function introspect(request: Request, deps: TokenDeps & { stallMs?: number }): Promise<Response> {
  const read = await readForm(request);
  if ('error' in read) return read.error;
  const auth = authenticateClient(request, read.form, deps.state);
  if ('error' in auth) return auth.error;
  const token = required(read.form, 'token');
  if ('error' in token) return token.error;
  const opaque = deps.state.opaque.own(token.value);
  const fault = deps.state.tokenFaults.size
    ? deps.state.faultOf(opaque ? stringOf(opaque.claims.jti) : unverifiedJti(token.value))
    : undefined;
  const scoped = await scopedFailure(fault, deps);
  if (scoped) return scoped;
  const own: OwnToken | undefined = opaque ?? (await verifyOwn(token.value, deps.keys, deps.issuer));
  const active = !!own && !inactiveReason(own, deps.state, deps.clock);
  if (fault?.introspectGarbage && own) return garbage(fault.introspectGarbage, { ...answerFor(own), active });
  const answer = own && active ? answerFor(own) : { active: false };
  if (!wantsJwt(request)) return json(answer);
  // A forged JWT answer says active whatever the truth: accepting it is what the forgery tests.
  const forgery = own ? fault?.introspectJwt : undefined;
  return jwtAnswer(forgery ? answerFor(own!) : answer, auth.client.clientId, deps, forgery);
}

function answerFor(own: OwnToken): Record<string, unknown> {
  const c = own.claims;
  return {
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
    ...(c.cnf !== undefined ? { cnf: c.cnf } : {}),
    jti: c.jti,
  };
}

function wantsJwt(request: Request): boolean {
  return (request.headers.get('accept') ?? '').toLowerCase().includes(INTROSPECTION_JWT_TYPE);
}

/**
 * RFC 9701 §5: `iss` the IdP, `aud` the client that asked, `iat` now, the RFC 7662 answer in
 * `token_introspection`; typed `token-introspection+jwt`, signed with the IdP's active key.
 */
async function jwtAnswer(
  answer: Record<string, unknown>,
  clientId: string,
  deps: TokenDeps,
  forgery: IntrospectionJwtForgery | undefined,
): Promise<Response> {
  const key = deps.keys.activeKey(deps.minter.shape.alg);
  const now = deps.clock.now();
  const header = { typ: 'token-introspection+jwt', alg: forgery === 'unsigned' ? 'none' : key.alg, kid: key.kid };
  const payload = {
    iss: deps.issuer,
    aud: forgery === 'other-audience' ? 'gauntlet-other-resource-server' : clientId,
    iat: forgery === 'stale-iat' ? now - 3600 : now,
    token_introspection: answer,
  };
  const foreign = forgery === 'foreign-key' ? await deps.minter.foreignKey() : undefined;
  const jwt = await compact(header, payload, (input) =>
    forgery === 'unsigned' ? Promise.resolve('') : signInput(key.alg, foreign ?? key.privateKey, input),
  );
  return new Response(jwt, { status: 200, headers: { 'content-type': INTROSPECTION_JWT_TYPE, 'cache-control': 'no-store' } });
}

/** 200 with what no RFC 7662 client may take for an answer. */
function garbage(kind: IntrospectionGarbage, answer: Record<string, unknown>): Response {
  if (kind === 'active-string') return json({ ...answer, active: String(answer.active) });
  if (kind === 'html')
    return new Response('<!doctype html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>', {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  return new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } });
}

/** A failure injected for this one token: others introspect normally. */
async function scopedFailure(fault: TokenFault | undefined, deps: TokenDeps & { stallMs?: number }): Promise<Response | undefined> {
  const mode = fault?.introspect ?? 'ok';
  if (mode === 'fail') return oauthError(503, 'temporarily_unavailable', 'introspect failure injected by token-gauntlet');
  if (mode === 'stall') {
    await deps.state.stall(deps.stallMs ?? 10_000);
    return oauthError(504, 'temporarily_unavailable', 'introspect stalled by token-gauntlet');
  }
  return undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function unverifiedJti(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti?: unknown };
    return typeof claims.jti === 'string' ? claims.jti : undefined;
  } catch {
    return undefined;
  }
}
