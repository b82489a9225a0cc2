/**
 * Recognise a token this IdP issued: signed by one of its published keys with that key's algorithm,
 * and (for activity) inside its time window, not revoked, subject and client enabled. Introspection,
 * revocation and the refresh grant share this one judgement.
 * @see RFC 7662 §2.2
 */
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Clock } from './clock.ts';
import type { KeySet } from './keys.ts';
import type { IdpState } from './state.ts';

export interface OwnToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** The verified header and claims, or undefined when this IdP did not sign it. */
export async function verifyOwn(token: string, keys: KeySet, issuer: string): Promise<OwnToken | undefined> {
  try {
    const header = decodeProtectedHeader(token) as Record<string, unknown>;
    const key = typeof header.kid === 'string' ? keys.find(header.kid) : undefined;
    if (!key || !key.published || header.alg !== key.alg) return undefined;
    const { payload } = await compactVerify(token, key.publicKey, { algorithms: [key.alg] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    if (claims.iss !== issuer) return undefined;
    // The IdP does not stand behind tokens signed under a certificate it knows has expired.
    if (key.purpose === 'expired-cert') return undefined;
    return { header, claims };
  } catch {
    return undefined;
  }
}

export type Inactive = 'not-ours' | 'expired' | 'not-yet-valid' | 'revoked' | 'subject-disabled' | 'client-blocked';

/** Why an own token is not active now, or undefined when it is. */
export function inactiveReason(own: OwnToken | undefined, state: IdpState, clock: Clock): Inactive | undefined {
  if (!own) return 'not-ours';
  const now = clock.now();
  const { exp, nbf, iat, jti, sub, client_id } = own.claims;
  const skew = state.leewayFor(jti);
  if (typeof exp !== 'number' || exp <= now - skew) return 'expired';
  if ((typeof nbf === 'number' && nbf > now + skew) || (typeof iat === 'number' && iat > now + skew)) return 'not-yet-valid';
  if (typeof jti === 'string' && state.revokedJtis.has(jti)) return 'revoked';
  if (typeof sub === 'string' && state.disabledSubjects.has(sub)) return 'subject-disabled';
  if (typeof client_id === 'string' && state.blockedClients.has(client_id)) return 'client-blocked';
  return undefined;
}

export function isRefreshToken(own: OwnToken): boolean {
  return own.header.typ === 'rt+jwt' || own.claims.token_use === 'refresh';
}
