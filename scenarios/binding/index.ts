/** Sender-constrained tokens: DPoP (RFC 9449). Each applies only to an API configured for DPoP. */
import type { Scenario } from '../define.ts';
import dpop_proof_missing from './dpop-proof-missing.ts';
import dpop_proof_malformed from './dpop-proof-malformed.ts';
import dpop_proof_signature from './dpop-proof-signature.ts';
import dpop_proof_jwk from './dpop-proof-jwk.ts';
import dpop_jti_missing from './dpop-jti-missing.ts';
import dpop_jti_replayed from './dpop-jti-replayed.ts';
import dpop_htm_htu from './dpop-htm-htu.ts';
import dpop_htu_normalised from './dpop-htu-normalised.ts';
import dpop_iat from './dpop-iat.ts';
import dpop_ath from './dpop-ath.ts';
import dpop_wrong_key from './dpop-wrong-key.ts';
import dpop_two_proofs from './dpop-two-proofs.ts';
import dpop_bearer_downgrade from './dpop-bearer-downgrade.ts';
import dpop_unbound_token from './dpop-unbound-token.ts';
import dpop_nonce from './dpop-nonce.ts';

export const binding: readonly Scenario[] = [
  dpop_proof_missing,
  dpop_proof_malformed,
  dpop_proof_signature,
  dpop_proof_jwk,
  dpop_jti_missing,
  dpop_jti_replayed,
  dpop_htm_htu,
  dpop_htu_normalised,
  dpop_iat,
  dpop_ath,
  dpop_wrong_key,
  dpop_two_proofs,
  dpop_bearer_downgrade,
  dpop_unbound_token,
  dpop_nonce,
];
