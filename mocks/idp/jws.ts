/**
 * Raw JWS compact serialization. Forging needs byte-level control that a well-behaved JOSE library
 * refuses to give (duplicate members, non-JSON headers, alg "none"), so the signing input is built here
 * and only the signature itself comes from Web Crypto (node:crypto for Ed25519, see signInput).
 * @see RFC 7515 §5.1
 */
import { KeyObject, sign as nodeSign, webcrypto } from 'node:crypto';

const subtle = webcrypto.subtle;
const encoder = new TextEncoder();

export function b64url(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  return Buffer.from(bytes).toString('base64url');
}

/** Web Crypto parameters for each JWS algorithm we can sign with. */
export function signParams(alg: string): AlgorithmIdentifier | RsaPssParams | EcdsaParams | HmacImportParams {
  switch (alg) {
    case 'RS256':
      return { name: 'RSASSA-PKCS1-v1_5' };
    case 'PS256':
      return { name: 'RSA-PSS', saltLength: 32 } as RsaPssParams;
    case 'ES256':
      return { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams;
    case 'EdDSA':
      return { name: 'Ed25519' };
    case 'HS256':
      return { name: 'HMAC' };
    default:
      throw new TypeError(`cannot sign with alg ${alg}`);
  }
}

/** Each Ed25519 CryptoKey as a node:crypto KeyObject, made once. */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * Sign `header.payload` (already base64url-encoded) with a CryptoKey; returns the base64url signature.
 * Ed25519 goes through node:crypto's one-shot `sign(null, data, key)`: the same signature (Ed25519 is
 * deterministic) at a fraction of a Web Crypto call's cost, which for a signature this cheap is mostly
 * the trip to the thread pool and back. RSA and ECDSA stay on Web Crypto, off the event loop.
 */
export async function signInput(alg: string, key: CryptoKey, signingInput: string): Promise<string> {
  if (key.algorithm.name === 'Ed25519' && (alg === 'EdDSA' || alg === 'Ed25519')) {
    let keyObject = keyObjects.get(key);
    if (!keyObject) keyObjects.set(key, (keyObject = KeyObject.from(key)));
    return nodeSign(null, Buffer.from(signingInput, 'utf8'), keyObject).toString('base64url');
  }
  const sig = await subtle.sign(signParams(alg) as AlgorithmIdentifier, key, encoder.encode(signingInput));
  return b64url(new Uint8Array(sig));
}

/** An HMAC-SHA-256 signing key from raw bytes. */
export async function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** A compact JWS from JSON-able parts, or from raw JSON text when a forgery needs exact bytes. */
export async function compact(
  header: Record<string, unknown> | string,
  payload: Record<string, unknown> | string,
  sign: (signingInput: string) => Promise<string>,
): Promise<string> {
  const h = typeof header === 'string' ? header : JSON.stringify(header);
  const p = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64url(h)}.${b64url(p)}`;
  return `${input}.${await sign(input)}`;
}
