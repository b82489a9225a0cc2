/**
 * The attacker's own key pair: never published, made once per algorithm and process. The jwk, jku and
 * x5u forgeries sign with it so that only an API trusting a key the token names would accept them.
 *
 * The pair and its self-signed certificate come from the key pool together (mocks/idp/key-pool.ts,
 * when the command turned it on): a run then neither generates an RSA key nor loads @peculiar/x509
 * for the attacker. Each pooled entry is used once, like every pooled key.
 */
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SignWith } from '../../mocks/idp/mint.ts';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { pooled, type PoolKind } from '../../mocks/idp/key-pool.ts';

export interface AttackerKey {
  /** What the `jwk` header carries: the bare public key, without kid, alg or use. */
  publicJwk: JWK;
  /** The same key with its private members (a `jwk` header some libraries import whole). */
  privateJwk: JWK;
  /** A self-signed certificate of the public key, DER in base64 (an `x5c` header's one element). */
  x5c: string;
  signWith: SignWith;
}

const DAY = 24 * 3600;
/** The certificate's span: an hour before it was made to a year after. */
const BEFORE = 3600;
const AFTER = 365 * DAY;
/** A pooled entry made longer ago than this is dropped (its certificate would still be valid for months). */
const MAX_AGE = 7 * DAY;

interface StoredAttacker {
  alg: SigningAlg;
  privateJwk: JWK;
  publicJwk: JWK;
  x5c: string;
  notBefore: number;
}

/** How the pool makes, stores and gives back an attacker key (exported for its test). */
export function attackerKind(alg: SigningAlg): PoolKind<AttackerKey> {
  const assemble = async (privateJwk: JWK, publicJwk: JWK, x5c: string): Promise<AttackerKey> => ({
    publicJwk,
    privateJwk,
    x5c,
    signWith: { kind: 'key', privateKey: (await importJWK(privateJwk, alg)) as CryptoKey, alg, name: 'attacker' },
  });
  return {
    name: `${alg}.attacker`,
    make: async () => {
      const pair = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
      // @peculiar/x509 is loaded only when a certificate must be made: never when the pool has an entry.
      const { selfSignedCertificate } = await import('../../mocks/idp/certificate.ts');
      const now = Math.floor(Date.now() / 1000);
      const x5c = await selfSignedCertificate(alg, pair, { notBefore: now - BEFORE, notAfter: now + AFTER }, 'token-gauntlet attacker');
      return {
        publicJwk: await exportJWK(pair.publicKey),
        privateJwk: await exportJWK(pair.privateKey),
        x5c,
        signWith: { kind: 'key', privateKey: pair.privateKey, alg, name: 'attacker' },
      };
    },
    encode: async (key) =>
      ({
        alg,
        privateJwk: key.privateJwk,
        publicJwk: key.publicJwk,
        x5c: key.x5c,
        notBefore: Math.floor(Date.now() / 1000) - BEFORE,
      }) satisfies StoredAttacker,
    decode: async (data) => {
      const stored = data as StoredAttacker;
      const age = Math.floor(Date.now() / 1000) - (stored.notBefore + BEFORE);
      if (stored.alg !== alg || typeof stored.x5c !== 'string' || age < 0 || age > MAX_AGE) return undefined;
      return assemble(stored.privateJwk, stored.publicJwk, stored.x5c);
    },
  };
}

/** Process-wide cache: the same forgery key for every scenario and endpoint of a run (no verdict depends on which key it is). */
const made = new Map<SigningAlg, Promise<AttackerKey>>();

export function attackerKey(alg: SigningAlg): Promise<AttackerKey> {
  let key = made.get(alg);
  if (!key) {
    key = pooled(attackerKind(alg));
    made.set(alg, key);
  }
  return key;
}
