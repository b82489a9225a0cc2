/**
 * Self-signed X.509 certificates for signing keys, with settable validity, so the IdP can publish a
 * key whose certificate has expired (the expired-certificate incident: every token signed under an expired certificate fails).
 * @see RFC 7517 §4.7 (x5c)
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const certAlgs: Record<string, Algorithm | RsaPssParams | EcdsaParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
  PS256: { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 } as RsaPssParams,
  ES256: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
  EdDSA: { name: 'Ed25519' },
};

export interface CertificateValidity {
  notBefore: number; // NumericDate
  notAfter: number;
}

/** A DER certificate (base64, as x5c wants it) for the key pair. */
export async function selfSignedCertificate(
  alg: string,
  keys: { privateKey: CryptoKey; publicKey: CryptoKey },
  validity: CertificateValidity,
  commonName = 'token-gauntlet mock IdP',
): Promise<string> {
  const signingAlgorithm = certAlgs[alg];
  if (!signingAlgorithm) throw new TypeError(`no certificate algorithm for ${alg}`);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${commonName}`,
    notBefore: new Date(validity.notBefore * 1000),
    notAfter: new Date(validity.notAfter * 1000),
    signingAlgorithm,
    keys: keys as CryptoKeyPair,
  });
  return Buffer.from(cert.rawData).toString('base64');
}

/** notBefore/notAfter of an x5c entry, as NumericDates. */
export function certificateValidity(x5c: string): CertificateValidity {
  const cert = new x509.X509Certificate(Buffer.from(x5c, 'base64'));
  return { notBefore: Math.floor(cert.notBefore.getTime() / 1000), notAfter: Math.floor(cert.notAfter.getTime() / 1000) };
}
