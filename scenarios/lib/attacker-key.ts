/**
 * The attacker's own key pair: never published, made once per algorithm and process. The jwk, jku and
 * x5u forgeries sign with it so that only an API trusting a key the token names would accept them.
 */
import { exportJWK, type JWK } from 'jose';
import type { SignWith } from '../../mocks/idp/mint.ts';
import { bareKeyPair, type SigningAlg } from '../../mocks/idp/keys.ts';

export interface AttackerKey {
  /** What the `jwk` header carries: the bare public key, without kid, alg or use. */
  publicJwk: JWK;
  /** The same key with its private members (a `jwk` header some libraries import whole). */
  privateJwk: JWK;
  /** A self-signed certificate of the public key, DER in base64 (an `x5c` header's one element). */
  x5c: string;
  signWith: SignWith;
}

const made = new Map<SigningAlg, Promise<AttackerKey>>();

export function attackerKey(alg: SigningAlg): Promise<AttackerKey> {
  let key = made.get(alg);
  if (!key) {
    key = bareKeyPair(alg).then(async (pair) => {
      // @peculiar/x509 is loaded when the first forgery needs the certificate, not at start.
      const { selfSignedCertificate } = await import('../../mocks/idp/certificate.ts');
      return {
        publicJwk: await exportJWK(pair.publicKey),
        privateJwk: await exportJWK(pair.privateKey),
        x5c: await selfSignedCertificate(
          alg,
          pair,
          { notBefore: Math.floor(Date.now() / 1000) - 3600, notAfter: Math.floor(Date.now() / 1000) + 365 * 24 * 3600 },
          'token-gauntlet attacker',
        ),
        signWith: { kind: 'key', privateKey: pair.privateKey, alg, name: 'attacker' },
      };
    });
    made.set(alg, key);
  }
  return key;
}
