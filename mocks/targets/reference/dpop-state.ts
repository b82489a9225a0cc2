/** The reference API's DPoP settings and state: proofs seen, server nonces (RFC 9449 §9, §11.1). */
import { randomBytes } from 'node:crypto';
import type { Rejection } from './rejection.ts';

export interface DpopOptions {
  /** Require a server nonce in every proof (RFC 9449 §9); it changes every `nonceLifetime` seconds. */
  nonce?: boolean;
  nonceLifetime?: number;
  /** Proof algorithms accepted, for `algs` in the challenge. */
  algs?: readonly string[];
}

export const DPOP_ALGS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const;

/** How old (or how far in the future) a proof's iat may be, seconds: oauth4webapi's window. */
export const PROOF_WINDOW = 300;

export const invalidProof = (code: 'InvalidDpopProof' | 'DpopProofReplayed'): Rejection => ({ kind: 'invalid_dpop_proof', code });
export const nonceRequired = (nonce: string): Rejection => ({ kind: 'use_dpop_nonce', code: 'DpopNonceRequired', nonce });

/** The jtis of proofs accepted within the proof window: a second use is a replay. */
export class ProofReplayCache {
  private readonly seen = new Map<string, number>();
  /** True if `jti` was new (and is now remembered until `now + window`). */
  remember(jti: string, now: number): boolean {
    for (const [k, until] of this.seen) if (until < now) this.seen.delete(k);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, now + 2 * PROOF_WINDOW);
    return true;
  }
}

/** Server nonces: the current one and the one before it are good. */
export class NonceSource {
  private current = randomBytes(16).toString('base64url');
  private previous: string | undefined;
  private issuedAt: number;
  constructor(
    private readonly lifetime: number,
    now: number,
  ) {
    this.issuedAt = now;
  }
  get(now: number): string {
    if (now - this.issuedAt >= this.lifetime) {
      this.previous = this.current;
      this.current = randomBytes(16).toString('base64url');
      this.issuedAt = now;
    }
    return this.current;
  }
  accepts(nonce: unknown, now: number): boolean {
    const current = this.get(now);
    return typeof nonce === 'string' && (nonce === current || nonce === this.previous);
  }
}
