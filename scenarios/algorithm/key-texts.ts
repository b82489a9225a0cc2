/**
 * Every text an application may hold of a public key, as the secret an algorithm-confused validator
 * would HMAC with: the PEM file (with its final newline, as files, `KeyObject.export()` and jwks-rsa
 * give it), the same without it (jose's `exportSPKI`), with CRLF line ends, after a leading newline
 * or spaces, the PKCS#1 PEM of an RSA key, the x5c certificate as PEM, the JWK as JSON text and the
 * DER bytes. A validator that confuses HS* with RS/ES/EdDSA accepts exactly one of these: the form it
 * happens to hold, so the scenario must try them all.
 */
import { X509Certificate, createHmac, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** The published JWK as a Node key (its kid, alg, use and x5c left out). */
function keyObject({ kid: _kid, alg: _alg, use: _use, x5c: _x5c, ...bare }: JWK): KeyObject {
  return createPublicKey({ key: bare as JsonWebKey, format: 'jwk' });
}

export interface KeyText {
  /** How the variant is named in the row: `SPKI PEM with a final newline`. */
  name: string;
  secret: string | Uint8Array;
}

/** The forms of one published key, most common first. `full` false: the one or two forms that differ by key type. */
export function keyTexts(publicJwk: JWK, full: boolean): KeyText[] {
  const key = keyObject(publicJwk);
  const x5c = publicJwk.x5c;
  const pem = key.export({ type: 'spki', format: 'pem' }) as string;
  const rsa = publicJwk.kty === 'RSA';
  const pkcs1: KeyText[] = rsa
    ? [{ name: 'PKCS#1 PEM (BEGIN RSA PUBLIC KEY)', secret: key.export({ type: 'pkcs1', format: 'pem' }) as string }]
    : [];
  const withNewline: KeyText = { name: 'SPKI PEM with a final newline', secret: pem };
  if (!full) return [withNewline, ...pkcs1];
  const cert: KeyText[] = x5c?.[0]
    ? [{ name: 'x5c certificate as PEM', secret: new X509Certificate(Buffer.from(x5c[0], 'base64')).toString() }]
    : [];
  return [
    withNewline,
    { name: 'SPKI PEM without a final newline', secret: pem.trimEnd() },
    { name: 'SPKI PEM with CRLF line ends', secret: pem.replace(/\n/g, '\r\n') },
    { name: 'SPKI PEM after a leading newline', secret: `\n${pem}` },
    ...pkcs1,
    ...cert,
    { name: 'JWK as JSON text', secret: JSON.stringify(publicJwk) },
    { name: 'SPKI DER bytes', secret: new Uint8Array(key.export({ type: 'spki', format: 'der' })) },
  ];
}

/** A leading-whitespace form, sent under HS256 only (one more line of the same flaw). */
export function leadingSpaces(publicJwk: JWK): KeyText {
  const pem = keyObject(publicJwk).export({ type: 'spki', format: 'pem' }) as string;
  return { name: 'SPKI PEM after leading spaces', secret: `  ${pem}` };
}

/** `token` with its signature replaced by HMAC-SHA-`bits` under `secret`. */
export function hmacResign(token: string, bits: 256 | 384 | 512, secret: string | Uint8Array): string {
  const [h = '', p = ''] = token.split('.');
  return `${h}.${p}.${createHmac(`sha${bits}`, secret).update(`${h}.${p}`).digest('base64url')}`;
}
