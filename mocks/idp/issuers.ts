/**
 * More issuers on one IdP: each a path under the primary issuer (`${issuer}/issuers/b`), with its own
 * keys, JWKS and discovery document, as a multi-tenant IdP serves them. A target that trusts several
 * issuers must take each token's keys from its own issuer's JWKS (RFC 9700 §4.15, RFC 8725 §3.8).
 */
import { metadata } from './endpoints/discovery.ts';
import { json } from './endpoints/respond.ts';
import { KeySet, type SigningAlg } from './keys.ts';

/** At most this many issuers in all (the primary one included). */
export const MAX_ISSUERS = 4;

/** Names of the issuers after the primary one, in order. */
const NAMES = ['b', 'c', 'd'] as const;

export interface ExtraIssuer {
  issuer: string;
  /** Its own keys: one signing key of the baseline's algorithm. */
  keys: KeySet;
  jwksUri: string;
  discoveryUrl: string;
}

/** `count - 1` issuers beside `primary` (count is all of them), each with a fresh key of `alg`. */
export async function extraIssuers(primary: string, count: number, alg: SigningAlg, now: number): Promise<ExtraIssuer[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ISSUERS)
    throw new TypeError(`issuers: between 1 and ${MAX_ISSUERS}, not ${count}`);
  return Promise.all(
    NAMES.slice(0, count - 1).map(async (name) => {
      const issuer = `${primary}/issuers/${name}`;
      return {
        issuer,
        keys: await KeySet.generate([alg], now),
        jwksUri: `${issuer}/jwks`,
        discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      };
    }),
  );
}

/**
 * The answer of an extra issuer's discovery or JWKS, for `path` under the primary issuer; undefined
 * when the path is not one of theirs (the primary's router answers it).
 */
export function extraIssuerAnswer(method: string, path: string, primary: string, extras: readonly ExtraIssuer[]): Response | undefined {
  const match = /^\/issuers\/([a-z])(\/.*)$/.exec(path);
  if (!match) return undefined;
  const extra = extras.find((e) => e.issuer === `${primary}/issuers/${match[1]}`);
  if (!extra || (method !== 'GET' && method !== 'HEAD')) return undefined;
  const rest = match[2];
  if (rest === '/jwks') return json(extra.keys.jwks(), 200, { 'cache-control': 'public, max-age=300' });
  if (rest === '/.well-known/openid-configuration' || rest === '/.well-known/oauth-authorization-server') {
    return json(metadata(extra.issuer, extra.keys), 200, { 'cache-control': 'public, max-age=300' });
  }
  return undefined;
}
