/**
 * The first-wave faults as data: each changes exactly ONE property of the baseline token and is signed
 * by a trusted key unless the key is the fault. Scenarios use them; `gauntlet mint <id>` prints them.
 */
import { b64url } from './jws.ts';
import type { Forgery } from './mint.ts';

/** What a fault may need to know about the API and the moment. */
export interface FaultContext {
  now: number;
  /** The clock skew beyond which the API must refuse, seconds: the leeway it declares, else the 300 s ceiling. */
  leeway: number;
  /** The longest token lifetime (exp - iat) the API accepts, seconds: declared, else the login audit trail's two hours. */
  maxLifetime: number;
  /** The baseline's lifetime, seconds. */
  lifetime: number;
  issuer: string;
  audience: string;
  clientId: string;
}

const HOUR = 3600;

/** Replace the payload segment and keep the old signature. */
export function tamperPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${h}.${b64url(JSON.stringify(claims))}.${s}`;
}

export const faults = {
  /** exp well past now − leeway; iat moved back with it so the lifetime is the baseline's. @see RFC 7519 §4.1.4 */
  expired: (c: FaultContext): Forgery => ({
    claims: { exp: c.now - c.leeway - HOUR, iat: c.now - c.leeway - HOUR - c.lifetime },
  }),
  /** nbf an hour beyond now + leeway. @see RFC 7519 §4.1.5 */
  'nbf-future': (c: FaultContext): Forgery => ({ claims: { nbf: c.now + c.leeway + HOUR } }),
  /** Issued in the future; exp moved with it so the lifetime is the baseline's. */
  'iat-future': (c: FaultContext): Forgery => ({
    claims: { iat: c.now + c.leeway + HOUR, exp: c.now + c.leeway + HOUR + c.lifetime },
  }),
  /** exp − iat far beyond the API's maximum lifetime (the login audit trail: TokenValidityTooBroad). */
  'too-broad': (c: FaultContext): Forgery => ({ claims: { exp: c.now + c.maxLifetime + 22 * HOUR } }),
  /** Signed by the trusted key, but the kid names no key in the JWKS. @see RFC 8725 §3.10 */
  'unknown-kid': (): Forgery => ({ header: { kid: 'gauntlet-unknown-kid-7c1e' } }),
  /** No kid while the JWKS holds several keys (the login audit trail: MissingKeyId). */
  'missing-kid': (): Forgery => ({ header: { kid: undefined } }),
  /** typ absent where at+jwt is required. @see RFC 9068 §4 */
  'typ-missing': (): Forgery => ({ header: { typ: undefined } }),
  /** A refresh token (typ rt+jwt, as this IdP's /token issues them) presented for access. */
  'refresh-as-access': (): Forgery => ({ header: { typ: 'rt+jwt' }, claims: { token_use: 'refresh' } }),
  /**
   * An ID token: typ JWT, OIDC claims, no scope. Its aud stays the API's audience so that the token
   * type is the only fault (an API whose audience equals the client id really does see this).
   * @see RFC 8725 §3.12
   */
  'id-token-as-access': (c: FaultContext): Forgery => ({
    header: { typ: 'JWT' },
    claims: { scope: undefined, client_id: undefined, azp: c.clientId, auth_time: c.now - 60, nonce: 'gauntlet-nonce' },
  }),
  /** The baseline itself; the scenario revokes its jti at the IdP before sending it. @see RFC 7009 */
  revoked: (): Forgery => ({}),
  /** Another issuer, trusted key. @see RFC 9068 §4 */
  'wrong-issuer': (): Forgery => ({ claims: { iss: 'https://evil-issuer.gauntlet.test' } }),
  /** The audience of another API. @see RFC 7519 §4.1.3 */
  'wrong-audience': (): Forgery => ({ claims: { aud: 'https://another-api.gauntlet.test' } }),
  /** Payload changed after signing (sub swapped), signature kept. @see RFC 7515 §5.2 */
  'sig-tampered': (): Forgery => ({ finish: (t) => tamperPayload(t, (claims) => (claims.sub = 'gauntlet-admin')) }),
  /** An attacker key that reuses the trusted kid. @see RFC 9068 §4 */
  'foreign-key': (): Forgery => ({ signWith: { kind: 'foreign' } }),
  /** alg none, empty signature. @see RFC 8725 §3.1 */
  'alg-none': (): Forgery => ({ header: { alg: 'none' }, signWith: { kind: 'none' } }),
  /** HS256 keyed with the trusted public key's PEM. @see CVE-2016-10555 */
  'alg-confusion': (): Forgery => ({ header: { alg: 'HS256' }, signWith: { kind: 'hmac', secret: 'public-key-pem' } }),
  /** Signed by a published key whose x5c certificate has expired (the expired-certificate incident). */
  'expired-cert': (): Forgery => ({ signWith: { kind: 'expired-cert' } }),
} satisfies Record<string, (c: FaultContext) => Forgery>;

export type FaultId = keyof typeof faults;
export const FAULT_IDS = Object.keys(faults) as FaultId[];
