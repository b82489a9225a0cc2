/**
 * A hand-rolled DPoP proof check on jose, as API teams write one when their framework has none: the
 * same checks as the reference's (oauth4webapi), each of which one flawed target leaves out or gets
 * subtly wrong. With no flaw it refuses what the reference refuses.
 * @see RFC 9449 §4.3
 */
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { athOf } from '../../idp/dpop.ts';
import { DPOP_ALGS, invalidProof } from '../reference/dpop.ts';
import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';

export type ProofFlaw =
  | 'proof-optional'
  | 'first-proof-only'
  | 'signature-unverified'
  | 'typ-unchecked'
  | 'jti-not-required'
  | 'htu-unchecked'
  | 'htu-exact'
  | 'iat-unchecked'
  | 'ath-unchecked'
  | 'jkt-unchecked'
  | 'cnf-not-required';

const normalise = (u: string): string => {
  const url = new URL(u);
  url.search = '';
  url.hash = '';
  return url.href;
};

export function handRolledProofCheck(flaw?: ProofFlaw): Step {
  return async (ctx) => {
    if (!ctx.options.dpop || ctx.scheme !== 'dpop') return;
    const jkt = (ctx.claims?.cnf as { jkt?: unknown } | undefined)?.jkt;
    if (typeof jkt !== 'string' && flaw !== 'cnf-not-required') return invalidToken('TokenNotBound');
    const proofs = ctx.request.dpop ?? [];
    if (proofs.length === 0) return flaw === 'proof-optional' ? undefined : invalidProof('InvalidDpopProof');
    if (proofs.length > 1 && flaw !== 'first-proof-only') return invalidProof('InvalidDpopProof');
    let header: { typ?: string; jwk?: JWK };
    let claims: JWTPayload;
    try {
      if (flaw === 'signature-unverified') {
        header = decodeProtectedHeader(proofs[0]!) as typeof header;
        claims = decodeJwt(proofs[0]!);
        if (header.typ !== 'dpop+jwt') throw new Error('typ');
      } else {
        const verified = await jwtVerify(proofs[0]!, EmbeddedJWK, {
          algorithms: [...DPOP_ALGS],
          ...(flaw === 'typ-unchecked' ? {} : { typ: 'dpop+jwt' }),
        });
        header = verified.protectedHeader as typeof header;
        claims = verified.payload;
      }
    } catch {
      return invalidProof('InvalidDpopProof');
    }
    if (flaw !== 'jti-not-required' && typeof claims.jti !== 'string') return invalidProof('InvalidDpopProof');
    if (claims.htm !== ctx.request.method) return invalidProof('InvalidDpopProof');
    if (flaw !== 'htu-unchecked') {
      const expected = `${ctx.request.origin}${ctx.request.path}`;
      const htu = typeof claims.htu === 'string' ? claims.htu : '';
      const same = flaw === 'htu-exact' ? htu === expected : URL.canParse(htu) && normalise(htu) === normalise(expected);
      if (!same) return invalidProof('InvalidDpopProof');
    }
    if (flaw !== 'iat-unchecked' && (typeof claims.iat !== 'number' || Math.abs(ctx.now - claims.iat) > 300))
      return invalidProof('InvalidDpopProof');
    if (flaw !== 'ath-unchecked' && claims.ath !== athOf(ctx.token ?? '')) return invalidProof('InvalidDpopProof');
    if (flaw !== 'jkt-unchecked' && typeof jkt === 'string') {
      if (!header.jwk) return invalidProof('InvalidDpopProof');
      if ((await calculateJwkThumbprint(header.jwk).catch(() => '')) !== jkt) return invalidProof('InvalidDpopProof');
    }
  };
}
