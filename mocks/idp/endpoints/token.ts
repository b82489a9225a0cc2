/**
 * The token endpoint: client_credentials and refresh_token grants, with refresh rotation (a refresh
 * token is good for one exchange). Errors as RFC 6749 §5.2 names them; the method is checked by the
 * router (handlers.ts). @see RFC 6749 §4.4, §6, §5.2
 */
import type { Clock } from '../clock.ts';
import type { KeySet } from '../keys.ts';
import type { Minter } from '../mint.ts';
import { inactiveReason, isRefreshToken, verifyOwn } from '../own-tokens.ts';
import type { ClientRegistration, IdpState } from '../state.ts';
import { proofThumbprint } from '../dpop.ts';
import { authenticateClient } from './client-auth.ts';
import { printable, readForm, required } from './form.ts';
import { json, oauthError } from './respond.ts';

export interface TokenDeps {
  issuer: string;
  keys: KeySet;
  clock: Clock;
  minter: Minter;
  state: IdpState;
}

const REFRESH_LIFETIME = 24 * 3600;

export async function token(request: Request, deps: TokenDeps): Promise<Response> {
  const read = await readForm(request);
  if ('error' in read) return read.error;
  const { form } = read;
  const auth = authenticateClient(request, form, deps.state);
  if ('error' in auth) return auth.error;
  const { client } = auth;
  // RFC 9449 §5: a valid DPoP proof binds the access token to its key (cnf.jkt, token_type DPoP).
  const proof = await proofThumbprint(request);
  if (proof && 'error' in proof) return oauthError(400, 'invalid_dpop_proof', proof.error);
  const jkt = proof?.jkt;
  const grant = required(form, 'grant_type');
  if ('error' in grant) return grant.error;
  if (grant.value !== 'client_credentials' && grant.value !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', `grant_type ${printable(grant.value)} is not supported`);
  }
  if (!client.grants.includes(grant.value)) return oauthError(400, 'unauthorized_client', `client may not use the ${grant.value} grant`);
  if (grant.value === 'client_credentials') {
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const denied = requested.filter((s) => !client.scopes.includes('*') && !client.scopes.includes(s));
    if (denied.length) return oauthError(400, 'invalid_scope', `scope not allowed for this client: ${denied.map(printable).join(' ')}`);
    return issue(deps, client, client.clientId, requested, requested.includes('offline_access'), jkt);
  }
  const presented = required(form, 'refresh_token');
  if ('error' in presented) return presented.error;
  const own = deps.state.opaque.own(presented.value) ?? (await verifyOwn(presented.value, deps.keys, deps.issuer));
  const jti = String(own?.claims.jti ?? '');
  if (!own || !isRefreshToken(own) || own.claims.client_id !== client.clientId) {
    return oauthError(400, 'invalid_grant', 'refresh token is invalid or was issued to another client');
  }
  if (inactiveReason(own, deps.state, deps.clock) || deps.state.usedRefresh.has(jti)) {
    return oauthError(400, 'invalid_grant', 'refresh token is expired, revoked or already used');
  }
  deps.state.usedRefresh.add(jti);
  const scopes = String(own.claims.scope ?? '')
    .split(' ')
    .filter(Boolean);
  return issue(deps, client, String(own.claims.sub), scopes, true, jkt);
}

async function issue(
  deps: TokenDeps,
  client: ClientRegistration,
  sub: string,
  scopes: string[],
  withRefresh: boolean,
  jkt?: string,
): Promise<Response> {
  const access = await deps.minter.forge({
    claims: { sub, client_id: client.clientId, scope: scopes.join(' '), ...(jkt ? { cnf: { jkt } } : {}) },
  });
  const body: Record<string, unknown> = {
    access_token: access.token,
    token_type: jkt ? 'DPoP' : 'Bearer',
    expires_in: Number(access.claims.exp) - Number(access.claims.iat),
    scope: scopes.join(' '),
  };
  if (withRefresh) {
    const refresh = await deps.minter.forge({
      header: { typ: 'rt+jwt' },
      claims: { sub, client_id: client.clientId, scope: scopes.join(' '), exp: deps.clock.now() + REFRESH_LIFETIME },
    });
    body.refresh_token = refresh.token;
  }
  return json(body);
}
