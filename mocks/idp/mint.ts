/**
 * Minting: a valid RFC 9068 access token (the baseline), and forgeries that differ from it in exactly
 * one property. A forgery is data (what to change), so scenarios stay small and reports can show it.
 * @see RFC 9068 §2
 */
import { exportSPKI } from 'jose';
import { createHmac, randomUUID, webcrypto } from 'node:crypto';
import type { Clock } from './clock.ts';
import { b64url, compact, signInput } from './jws.ts';
import { bareKeyPair, type KeySet, type SigningAlg, type SigningKey } from './keys.ts';
import { OpaqueTokens } from './opaque.ts';

/** `jwt`: RFC 9068 JWTs the API validates itself; `opaque`: random tokens only this IdP can read, by introspection (RFC 7662). */
export type TokenFormat = 'jwt' | 'opaque';

/** The shape of the baseline token; every scenario derives from it. Configurable per API. */
export interface BaselineShape {
  alg: SigningAlg;
  typ: string;
  audience: string;
  subject: string;
  clientId: string;
  /** Space-separated scopes always present; endpoint scopes are added per probe. */
  scope: string;
  /** exp - iat, seconds. */
  lifetime: number;
  extraClaims: Record<string, unknown>;
  /** `opaque`: every token forged is a random string the IdP records with the claims (header and signature then mean nothing). */
  format: TokenFormat;
}

export type SignWith =
  | { kind: 'active' }
  /** A published key by kid, e.g. the rotated-in one. */
  | { kind: 'kid'; kid: string }
  /** The published key whose x5c certificate has expired. */
  | { kind: 'expired-cert' }
  /** An attacker key (not in the JWKS); the header still names the trusted kid unless overridden. */
  | { kind: 'foreign' }
  /** HMAC with the given secret; `'public-key-pem'` is the trusted key's SPKI PEM (alg confusion). */
  | { kind: 'hmac'; secret: string | Uint8Array | 'public-key-pem' }
  /** No signature at all (`alg: none`). */
  | { kind: 'none' }
  /**
   * Any private key under any JWS algorithm: an attacker's key (jwk, jku, x5u forgeries), or a trusted
   * key re-imported with another hash (RS384 from the RS256 key). `name` is what `signedBy` reports.
   */
  | { kind: 'key'; privateKey: CryptoKey; alg: string; name: string };

/** What an endpoint asks of the user's authentication (RFC 9470 step-up); the baseline satisfies it. */
export interface AuthenticationNeeds {
  /** An acr value the endpoint accepts: the baseline carries it. */
  acr?: string;
  /** The endpoint's maximum authentication age, seconds: the baseline carries auth_time, the user authenticated just now. */
  maxAge?: number;
}

/** What a forgery changes. `undefined` values delete a member. */
export interface Forgery {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  signWith?: SignWith;
  /** Exact JSON text when the bytes matter (duplicate members, non-JSON header). */
  rawHeader?: (header: Record<string, unknown>) => string;
  rawPayload?: (claims: Record<string, unknown>) => string;
  /** A last step on the finished compact token (tamper, strip, reshape). */
  finish?: (token: string) => string;
  /** Opaque format only: `unknown` gives a random token the IdP never issued (nor records). */
  opaque?: 'unknown';
}

/** A token as minted, with what it claims to be, for reports and replay. */
export interface ForgedToken {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** kid of the key that really signed, or 'foreign' / 'hmac' / 'none'. */
  signedBy: string;
}

export interface MinterOptions {
  keys: KeySet;
  clock: Clock;
  issuer: string;
  shape?: Partial<BaselineShape>;
  /** Where opaque tokens are recorded (the IdP's state reads them at introspection). */
  opaque?: OpaqueTokens;
}

export const DEFAULT_SHAPE: Omit<BaselineShape, 'alg' | 'audience'> = {
  typ: 'at+jwt',
  subject: 'gauntlet-user-1',
  clientId: 'gauntlet-client',
  scope: '',
  lifetime: 300,
  extraClaims: {},
  format: 'jwt',
};

export class Minter {
  readonly shape: BaselineShape;
  private foreign?: Promise<CryptoKey>;
  private readonly listeners = new Set<(token: ForgedToken) => void>();
  readonly opaque: OpaqueTokens;

  constructor(private readonly opts: MinterOptions) {
    this.shape = {
      ...DEFAULT_SHAPE,
      alg: opts.keys.algs[0]!,
      audience: 'https://api.example.test',
      ...opts.shape,
    };
    this.opaque = opts.opaque ?? new OpaqueTokens();
  }

  get issuer(): string {
    return this.opts.issuer;
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get keys(): KeySet {
    return this.opts.keys;
  }

  /** Call `listener` with every token forged from now on (a run's redactor learns what it must not print); returns the function that stops it. */
  onMint(listener: (token: ForgedToken) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The baseline claims for a probe needing `scopes` (and, on a step-up endpoint, `auth`: an acr, a recent auth_time). */
  baselineClaims(scopes: readonly string[] = [], auth: AuthenticationNeeds = {}): Record<string, unknown> {
    const now = this.opts.clock.now();
    const scope = [...new Set([...this.shape.scope.split(' '), ...scopes].filter(Boolean))].join(' ');
    return {
      iss: this.opts.issuer,
      sub: this.shape.subject,
      aud: this.shape.audience,
      exp: now + this.shape.lifetime,
      iat: now,
      jti: randomUUID(),
      client_id: this.shape.clientId,
      scope,
      ...(auth.maxAge !== undefined ? { auth_time: now } : {}),
      ...(auth.acr !== undefined ? { acr: auth.acr } : {}),
      ...this.shape.extraClaims,
    };
  }

  baselineHeader(key: SigningKey): Record<string, unknown> {
    // An empty typ means none: some APIs refuse any typ header at all.
    return { alg: key.alg, ...(this.shape.typ ? { typ: this.shape.typ } : {}), kid: key.kid };
  }

  /** A valid access token. @see RFC 9068 §2 */
  async baseline(scopes: readonly string[] = []): Promise<ForgedToken> {
    return this.forge({}, scopes);
  }

  /** The baseline with one property changed. */
  async forge(forgery: Forgery, scopes: readonly string[] = [], auth: AuthenticationNeeds = {}): Promise<ForgedToken> {
    const signWith = forgery.signWith ?? { kind: 'active' };
    const trusted = this.signingKey(signWith);
    const header = apply(this.baselineHeader(trusted), forgery.header);
    const claims = apply(this.baselineClaims(scopes, auth), forgery.claims);
    const headerText = forgery.rawHeader ? forgery.rawHeader(header) : header;
    const payloadText = forgery.rawPayload ? forgery.rawPayload(claims) : claims;
    const alg = String(header.alg);
    let signedBy: string = trusted.kid;
    let sign: (input: string) => Promise<string>;
    switch (signWith.kind) {
      case 'none':
        signedBy = 'none';
        sign = async () => '';
        break;
      case 'hmac': {
        signedBy = 'hmac';
        const secret =
          signWith.secret === 'public-key-pem'
            ? new TextEncoder().encode(await exportSPKI(trusted.publicKey))
            : typeof signWith.secret === 'string'
              ? new TextEncoder().encode(signWith.secret)
              : signWith.secret;
        // node:crypto, not Web Crypto: weak-hmac and kid-injection need the empty secret Web Crypto refuses.
        sign = async (input) => b64url(createHmac('sha256', secret).update(input).digest());
        break;
      }
      case 'key': {
        signedBy = signWith.name;
        const { privateKey, alg: keyAlg } = signWith;
        sign = async (input) =>
          keyAlg === 'EdDSA' || keyAlg === 'Ed25519'
            ? signInput(keyAlg, privateKey, input)
            : b64url(new Uint8Array(await webcrypto.subtle.sign(anySignParams(keyAlg), privateKey, new TextEncoder().encode(input))));
        break;
      }
      case 'foreign': {
        signedBy = 'foreign';
        const key = await this.foreignKey();
        sign = (input) => signInput(trusted.alg, key, input);
        break;
      }
      default:
        // Sign with the real key's algorithm even when the header lies about alg (alg-not-allowed sets both).
        sign = (input) => signInput(alg === trusted.alg ? alg : trusted.alg, trusted.privateKey, input);
    }
    let token = await compact(headerText, payloadText, sign);
    if (forgery.finish) token = forgery.finish(token);
    if (this.shape.format === 'opaque') {
      // signedBy stays the key's: the redactor holds an IdP-issued opaque token valid until its exp, like a JWT.
      token = forgery.opaque === 'unknown' ? OpaqueTokens.random() : this.opaque.issue(claims, header);
    }
    const forged = { token, header, claims, signedBy };
    for (const listener of this.listeners) listener(forged);
    return forged;
  }

  private signingKey(signWith: SignWith): SigningKey {
    if (signWith.kind === 'kid') {
      const key = this.opts.keys.find(signWith.kid);
      if (!key) throw new TypeError(`no key with kid ${signWith.kid}`);
      return key;
    }
    if (signWith.kind === 'expired-cert') {
      const key = this.opts.keys.expiredCertKey();
      if (!key) throw new TypeError('the key set has no expired-certificate key');
      return key;
    }
    return this.opts.keys.activeKey(this.shape.alg);
  }

  /** An attacker's private key of the baseline's algorithm (not in the JWKS), made once. */
  foreignKey(): Promise<CryptoKey> {
    this.foreign ??= bareKeyPair(this.shape.alg).then((pair) => pair.privateKey);
    return this.foreign;
  }
}

/** Web Crypto sign parameters for any RSA, PSS, ECDSA or EdDSA JWS alg: RSA keys got their hash at import, ECDSA takes it here. */
function anySignParams(alg: string): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  const bits = Number(alg.slice(2));
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5' };
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', saltLength: bits / 8 } as RsaPssParams;
  if (alg.startsWith('ES')) return { name: 'ECDSA', hash: `SHA-${bits}` } as EcdsaParams;
  if (alg === 'EdDSA' || alg === 'Ed25519') return { name: 'Ed25519' };
  throw new TypeError(`cannot sign with alg ${alg}`);
}

function apply(base: Record<string, unknown>, changes: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
