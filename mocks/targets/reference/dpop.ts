/**
 * DPoP at the reference API (RFC 9449 §7): the proof is validated by panva's oauth4webapi
 * (`validateJwtAccessToken` with `requireDPoP`: typ, an asymmetric alg, a public jwk, the signature,
 * jti, htm, htu, iat, ath and the cnf.jkt match), given the very key our own steps already resolved
 * for the token. What the library leaves to its caller is done here: a bound token sent as Bearer is
 * refused (§7.2), a jti is good for one request (§11.1), and a server nonce when configured (§9).
 * @see RFC 9449 §4.3, §7, §9, §11.1
 */
import { clockSkew, clockTolerance, customFetch, validateJwtAccessToken } from 'oauth4webapi';
import type { JWK } from 'jose';
import { invalidToken } from './rejection.ts';
import type { Step, StepContext } from './options.ts';

import { DPOP_ALGS, invalidProof, nonceRequired } from './dpop-state.ts';

export { DPOP_ALGS, NonceSource, ProofReplayCache, invalidProof, nonceRequired, type DpopOptions } from './dpop-state.ts';

/** The request as the fetch API sees it, at the URL the client used (Host header), for htm and htu. */
function requestOf(ctx: StepContext): Request {
  const r = ctx.request;
  const headers = new Headers();
  if (r.authorization !== undefined) headers.set('authorization', r.authorization);
  for (const value of r.dpop ?? []) headers.append('dpop', value);
  return new Request(new URL(r.path, r.origin ?? 'http://127.0.0.1').href, { method: r.method, headers });
}

function proofClaims(ctx: StepContext): Record<string, unknown> | undefined {
  const proof = ctx.request.dpop?.[0];
  try {
    return JSON.parse(Buffer.from(proof!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const bound = (ctx: StepContext): boolean => typeof (ctx.claims?.cnf as { jkt?: unknown } | undefined)?.jkt === 'string';

/**
 * A DPoP API takes no Bearer token: a bound one sent as Bearer is a stolen token being replayed without
 * its key (RFC 9449 §7.2), an unbound one is not what this API accepts.
 */
export const checkBoundScheme: Step = (ctx) => {
  if (!ctx.options.dpop || ctx.scheme !== 'bearer') return;
  return invalidToken(bound(ctx) ? 'TokenBoundToKey' : 'DpopRequired');
};

/** The proof, by oauth4webapi, against the key of the token our steps verified. */
export const checkProof: Step = async (ctx) => {
  if (!ctx.options.dpop || ctx.scheme !== 'dpop') return;
  if (!bound(ctx)) return invalidToken('TokenNotBound');
  const jwk: JWK | undefined = ctx.jwk;
  try {
    await validateJwtAccessToken(
      { issuer: ctx.options.issuer, jwks_uri: 'https://reference.invalid/jwks' },
      requestOf(ctx),
      ctx.options.audience,
      {
        requireDPoP: true,
        signingAlgorithms: [...(ctx.options.dpop.algs ?? DPOP_ALGS)],
        [customFetch]: async () => Response.json({ keys: jwk ? [jwk] : [] }),
        [clockSkew]: ctx.now - Math.floor(Date.now() / 1000),
        [clockTolerance]: ctx.options.leeway,
      },
    );
  } catch {
    return invalidProof('InvalidDpopProof');
  }
};

/** A server nonce, when configured: a proof without the current one is answered with a fresh one. @see RFC 9449 §9 */
export const checkProofNonce: Step = (ctx) => {
  const nonces = ctx.nonces;
  // Whether there must be a proof at all is checkProof's to say; this checks the proof there is.
  if (!ctx.options.dpop?.nonce || ctx.scheme !== 'dpop' || !nonces || !ctx.request.dpop?.length) return;
  if (!nonces.accepts(proofClaims(ctx)?.nonce, ctx.now)) return nonceRequired(nonces.get(ctx.now));
};

/** One request per proof: a jti seen before is a replayed proof. @see RFC 9449 §11.1 */
export const checkProofReplay: Step = (ctx) => {
  if (!ctx.options.dpop || ctx.scheme !== 'dpop' || !ctx.replay || !ctx.request.dpop?.length) return;
  const jti = proofClaims(ctx)?.jti;
  if (typeof jti !== 'string' || !ctx.replay.remember(jti, ctx.now)) return invalidProof('DpopProofReplayed');
};
