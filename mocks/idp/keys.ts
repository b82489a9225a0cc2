/**
 * The IdP's key set: one signing key per loaded algorithm, each with an x5c certificate, kid = RFC 7638
 * thumbprint, plus a runtime lifecycle (publish a next key, make it active, retire an old one) and
 * persistence so a restarted IdP keeps its kids and a target's JWKS cache stays valid.
 * @see RFC 7517, RFC 7638
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IdpError } from './errors.ts';
import { SIGNING_ALGS, isSigningAlg, type SigningAlg } from './algs.ts';
import { pooled, type PoolKind } from './key-pool.ts';

export { SIGNING_ALGS, isSigningAlg, type SigningAlg };

export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Public JWK as published (kid, alg, use, x5c). */
  publicJwk: JWK;
  privateJwk: JWK;
  notBefore: number;
  notAfter: number;
  /** In the JWKS? Retired keys are not. */
  published: boolean;
  /**
   * `expired-cert`: only for the expired-certificate fault, published, never used for the baseline.
   * `spare`: a published key of the baseline's algorithm that signs no baseline, so a scenario can use
   * it, then retire it (retired-key), without touching the key every other one needs.
   */
  purpose: 'signing' | 'expired-cert' | 'spare';
}

interface StoredKey {
  alg: SigningAlg;
  privateJwk: JWK;
  x5c: string;
  notBefore: number;
  notAfter: number;
  published: boolean;
  purpose: SigningKey['purpose'];
}

interface StoredKeySet {
  version: 1;
  /** The baseline client's secret, kept with the keys so a target's introspection credentials survive restarts. */
  clientSecret?: string;
  algs: SigningAlg[];
  active: Partial<Record<SigningAlg, string>>;
  keys: StoredKey[];
}

const YEAR = 365 * 24 * 3600;

/** A copy of the key set's publication state (see KeySet.snapshot). */
export interface KeySetSnapshot {
  readonly count: number;
  readonly published: readonly boolean[];
  readonly active: ReadonlyArray<readonly [SigningAlg, string]>;
}

/** Generate one key pair with its certificate (taken from the key pool when a command turned it on: mocks/idp/key-pool.ts). */
export async function generateSigningKey(
  alg: SigningAlg,
  validity: { notBefore: number; notAfter: number },
  purpose: SigningKey['purpose'] = 'signing',
): Promise<SigningKey> {
  return pooled(signingKind(alg, validity, purpose));
}

const WEEK = 7 * 24 * 3600;

/**
 * One pool folder per algorithm, purpose and certificate span; an entry fits when its certificate was
 * made at most a week before the one asked for. `spec` is what a refill process needs to make the same
 * kind (harness/cli/refill-key-pool.ts).
 */
export function signingKind(
  alg: SigningAlg,
  validity: { notBefore: number; notAfter: number },
  purpose: SigningKey['purpose'],
): PoolKind<SigningKey> {
  return {
    // A spare is a signing key by another name: one folder serves both.
    name: `${alg}.${purpose === 'expired-cert' ? 'expired-cert' : 'signing'}.${validity.notAfter - validity.notBefore}s`,
    spec: { validity: { notBefore: validity.notBefore, notAfter: validity.notAfter }, purpose },
    make: async () => {
      const pair = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
      // @peculiar/x509 is loaded only when a certificate must be made: a start with pooled or persisted keys never needs it.
      const { selfSignedCertificate } = await import('./certificate.ts');
      const x5c = await selfSignedCertificate(alg, pair, validity);
      return assemble(alg, pair.privateKey, pair.publicKey, x5c, validity, true, purpose);
    },
    encode: async (key) => ({
      alg,
      privateJwk: key.privateJwk,
      x5c: String(key.publicJwk.x5c?.[0] ?? ''),
      notBefore: key.notBefore,
      notAfter: key.notAfter,
    }),
    decode: async (data) => {
      const stored = data as Pick<StoredKey, 'alg' | 'privateJwk' | 'x5c' | 'notBefore' | 'notAfter'>;
      const early = validity.notBefore - stored.notBefore;
      if (stored.alg !== alg || early < 0 || early > WEEK || stored.notAfter - stored.notBefore !== validity.notAfter - validity.notBefore)
        return undefined;
      return restore({ ...stored, published: true, purpose });
    },
  };
}

/** A bare key pair, never published and without a certificate: the attacker's, a foreign issuer's (pooled like signing keys). */
export function bareKeyPair(alg: SigningAlg): Promise<CryptoKeyPair> {
  return pooled(bareKind(alg));
}

/** How the pool makes, stores and gives back a bare key pair. */
export function bareKind(alg: SigningAlg): PoolKind<CryptoKeyPair> {
  return {
    name: `${alg}.bare`,
    make: () => generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) }),
    encode: async (pair) => ({ alg, privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) }),
    decode: async (data) => {
      const stored = data as { alg: string; privateJwk: JWK; publicJwk: JWK };
      if (stored.alg !== alg) return undefined;
      const privateKey = (await importJWK(stored.privateJwk, alg, { extractable: true })) as CryptoKey;
      const publicKey = (await importJWK(stored.publicJwk, alg, { extractable: true })) as CryptoKey;
      return { privateKey, publicKey };
    },
  };
}

/**
 * The members of a private JWK per key type, in the order jose (Node) exports them; the public JWK is
 * the same without the private ones. A stored key is published with exactly these, as exporting the
 * imported key again would give them, without that second export (six keys at every start).
 */
const JWK_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
  EC: ['kty', 'x', 'y', 'crv', 'd'],
  OKP: ['crv', 'd', 'x', 'kty'],
};
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);

/** A stored key (a --keys file's or the pool's) as a SigningKey. */
async function restore(k: StoredKey): Promise<SigningKey> {
  const members = JWK_MEMBERS[String(k.privateJwk.kty)] ?? [];
  const stored = k.privateJwk as Record<string, unknown>;
  const jwk = Object.fromEntries(members.filter((m) => stored[m] !== undefined).map((m) => [m, stored[m]])) as JWK;
  const pub = Object.fromEntries(Object.entries(jwk).filter(([m]) => !PRIVATE_MEMBERS.has(m))) as JWK;
  const privateKey = (await importJWK({ ...jwk }, k.alg, { extractable: true })) as CryptoKey;
  const publicKey = (await importJWK({ ...pub }, k.alg, { extractable: true })) as CryptoKey;
  return withJwks(k.alg, privateKey, publicKey, pub, jwk, k.x5c, k, k.published, k.purpose);
}

async function assemble(
  alg: SigningAlg,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  x5c: string,
  validity: { notBefore: number; notAfter: number },
  published: boolean,
  purpose: SigningKey['purpose'],
): Promise<SigningKey> {
  return withJwks(alg, privateKey, publicKey, await exportJWK(publicKey), await exportJWK(privateKey), x5c, validity, published, purpose);
}

/** A SigningKey from its keys and their bare JWKs (no kid, alg or use): its kid is the public JWK's thumbprint. */
async function withJwks(
  alg: SigningAlg,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  bare: JWK,
  barePrivate: JWK,
  x5c: string,
  validity: { notBefore: number; notAfter: number },
  published: boolean,
  purpose: SigningKey['purpose'],
): Promise<SigningKey> {
  const kid = await calculateJwkThumbprint(bare);
  const publicJwk: JWK = { ...bare, kid, alg, use: 'sig', x5c: [x5c] };
  const privateJwk: JWK = { ...barePrivate, kid, alg };
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    publicJwk,
    privateJwk,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    published,
    purpose,
  };
}

export class KeySet {
  private constructor(
    readonly algs: SigningAlg[],
    private keys: SigningKey[],
    private active: Map<SigningAlg, string>,
    /** The baseline client's secret (persisted with the keys). */
    readonly clientSecret: string = randomBytes(18).toString('base64url'),
  ) {}

  /** One fresh signing key per algorithm, plus an expired-certificate key for the first algorithm. */
  static async generate(algs: readonly SigningAlg[], now: number): Promise<KeySet> {
    if (algs.length === 0) throw new TypeError('at least one algorithm is needed');
    const valid = { notBefore: now - 3600, notAfter: now + 2 * YEAR };
    // All at once: taken from the pool, their imports and thumbprints overlap; made anew, so do their generations.
    const [expired, spare, ...keys] = await Promise.all([
      generateSigningKey(algs[0]!, { notBefore: now - 2 * YEAR, notAfter: now - 24 * 3600 }, 'expired-cert'),
      generateSigningKey(algs[0]!, valid, 'spare'),
      ...algs.map((alg) => generateSigningKey(alg, valid)),
    ]);
    const active = new Map(keys.map((k) => [k.alg, k.kid] as const));
    return new KeySet([...algs], [...keys, expired!, spare!], active);
  }

  /** Load the key set persisted in `file`, or generate one and write it there (mode 0600). */
  static async loadOrCreate(file: string, algs: readonly SigningAlg[], now: number): Promise<KeySet> {
    if (existsSync(file)) {
      const set = await KeySet.fromJSON(readJson(file), file);
      const missing = algs.filter((a) => !set.algs.includes(a));
      const spareMissing = !set.spareKey(algs[0]!);
      if (missing.length === 0 && !spareMissing) return set.withAlgOrder(algs);
      // A key file from before spare keys: add one for the first algorithm and save.
      if (spareMissing) set.keys.push(await generateSigningKey(algs[0]!, { notBefore: now - 3600, notAfter: now + 2 * YEAR }, 'spare'));
      // A new algorithm was asked for: keep the old kids, add keys for the new ones, save.
      for (const alg of missing) {
        const key = await generateSigningKey(alg, { notBefore: now - 3600, notAfter: now + 2 * YEAR });
        set.keys.push(key);
        set.active.set(alg, key.kid);
      }
      const merged = set.withAlgOrder(algs);
      merged.save(file);
      return merged;
    }
    const set = await KeySet.generate(algs, now);
    set.save(file);
    return set;
  }

  static async fromJSON(data: unknown, source = 'keys file'): Promise<KeySet> {
    const stored = data as StoredKeySet;
    if (!stored || stored.version !== 1 || !Array.isArray(stored.keys) || !Array.isArray(stored.algs)) {
      throw new IdpError('ERR_IDP_KEYS', `${source} is not a token-gauntlet key set (version 1); delete it to generate a new one`);
    }
    const keys = await Promise.all(stored.keys.map(restore));
    return new KeySet(stored.algs, keys, new Map(Object.entries(stored.active) as [SigningAlg, string][]), stored.clientSecret);
  }

  toJSON(): StoredKeySet {
    return {
      version: 1,
      clientSecret: this.clientSecret,
      algs: this.algs,
      active: Object.fromEntries(this.active),
      keys: this.keys.map((k) => ({
        alg: k.alg,
        privateJwk: k.privateJwk,
        x5c: String(k.publicJwk.x5c?.[0] ?? ''),
        notBefore: k.notBefore,
        notAfter: k.notAfter,
        published: k.published,
        purpose: k.purpose,
      })),
    };
  }

  save(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(this.toJSON(), null, 2), { mode: 0o600 });
  }

  private withAlgOrder(algs: readonly SigningAlg[]): KeySet {
    return new KeySet([...algs], this.keys, this.active, this.clientSecret);
  }

  /** The key that signs baselines for `alg` (default: the first loaded algorithm). */
  activeKey(alg: SigningAlg = this.algs[0]!): SigningKey {
    const kid = this.active.get(alg);
    const key = this.keys.find((k) => k.kid === kid);
    if (!key) throw new IdpError('ERR_IDP_KEYS', `no active ${alg} key is loaded; add ${alg} to --algs`);
    return key;
  }

  /** The published spare key of `alg` (see SigningKey.purpose), if one was made. */
  spareKey(alg: SigningAlg): SigningKey | undefined {
    return this.keys.find((k) => k.purpose === 'spare' && k.alg === alg);
  }

  /** Which keys are published and active: what `restore` puts back. */
  snapshot(): KeySetSnapshot {
    return { count: this.keys.length, published: this.keys.map((k) => k.published), active: [...this.active] };
  }

  /**
   * Put back the publication and active keys of `snapshot`. Keys added since stay known (a token they
   * signed is still recognised as this IdP's, e.g. by the redactor) but leave the JWKS.
   */
  restore(s: KeySetSnapshot): void {
    this.keys.forEach((k, i) => (k.published = i < s.count ? s.published[i]! : false));
    this.active = new Map(s.active);
  }

  /** The publication of the keys that existed at `s` and the active keys, as one comparable string. */
  static shared(s: KeySetSnapshot): string {
    return JSON.stringify({ published: s.published, active: [...s.active].sort() });
  }

  expiredCertKey(): SigningKey | undefined {
    return this.keys.find((k) => k.purpose === 'expired-cert' && k.published);
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  all(): readonly SigningKey[] {
    return this.keys;
  }

  /** The public JWKS: every published key. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.filter((k) => k.published && this.algs.includes(k.alg)).map((k) => k.publicJwk) };
  }

  /** Publish a new key for `alg` without using it yet (pre-publication before rotation). */
  async addNext(alg: SigningAlg, now: number): Promise<SigningKey> {
    const key = await generateSigningKey(alg, { notBefore: now - 60, notAfter: now + 2 * YEAR });
    this.keys.push(key);
    return key;
  }

  /** Sign new tokens of this key's algorithm with it. */
  activate(kid: string): void {
    const key = this.find(kid);
    if (!key) throw new IdpError('ERR_IDP_KEYS', `unknown kid ${kid}`);
    key.published = true;
    this.active.set(key.alg, kid);
  }

  /** Remove from the JWKS; tokens it signed must now be rejected. */
  retire(kid: string): void {
    const key = this.find(kid);
    if (!key) throw new IdpError('ERR_IDP_KEYS', `unknown kid ${kid}`);
    key.published = false;
  }

  /** Add a key and make it active at once: what a target sees as a rotation. Returns the new key. */
  async rotate(alg: SigningAlg, now: number): Promise<SigningKey> {
    const key = await this.addNext(alg, now);
    this.activate(key.kid);
    return key;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new IdpError('ERR_IDP_KEYS', `cannot read keys file ${file}: ${(err as Error).message}; fix or delete it`, { cause: err });
  }
}
