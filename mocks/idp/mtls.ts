/**
 * Certificate-bound access tokens (RFC 8705 §3): the client certificates the harness holds, and the
 * `cnf` claim that binds a token to one of them (`x5t#S256`: the base64url SHA-256 of the DER
 * certificate). Two certificates from one throw-away client CA: the harness's own, which tokens are
 * bound to, and another client's, for a stolen token presented over someone else's connection.
 * @see RFC 8705 §3, §3.1
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The RFC 8705 §3.1 thumbprint of a DER certificate: base64url(SHA-256(DER)). */
export function certificateThumbprint(der: Uint8Array | ArrayBuffer): string {
  return createHash('sha256')
    .update(der instanceof Uint8Array ? der : new Uint8Array(der))
    .digest('base64url');
}

/** A client certificate and its private key, as PEM, with its thumbprint. */
export interface ClientCertificate {
  cert: string;
  key: string;
  /** `x5t#S256` of the certificate. */
  thumbprint: string;
  subject: string;
}

async function issue(
  ca: { cert: x509.X509Certificate; keys: CryptoKeyPair },
  commonName: string,
  notBefore: Date,
  notAfter: Date,
): Promise<ClientCertificate> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    subject: `CN=${commonName}`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return {
    cert: cert.toString('pem') + '\n',
    key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    thumbprint: certificateThumbprint(cert.rawData),
    subject: `CN=${commonName}`,
  };
}

export class MtlsClient {
  private constructor(
    /** The client CA both certificates chain to: what an API that checks the chain trusts. */
    readonly ca: string,
    /** The harness's certificate: every token of an mTLS run is bound to it. */
    readonly own: ClientCertificate,
    /** Another client's certificate, from the same CA: valid for TLS, not the one the token is bound to. */
    readonly other: ClientCertificate,
  ) {}

  static async create(): Promise<MtlsClient> {
    const now = Date.now();
    const notBefore = new Date(now - 3600_000);
    const notAfter = new Date(now + 30 * 24 * 3600_000);
    const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=token-gauntlet client CA',
      notBefore,
      notAfter,
      signingAlgorithm: alg,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    const ca = { cert, keys };
    const [own, other] = await Promise.all([
      issue(ca, 'token-gauntlet client', notBefore, notAfter),
      issue(ca, 'token-gauntlet other client', notBefore, notAfter),
    ]);
    return new MtlsClient(cert.toString('pem') + '\n', own, other);
  }

  /** The `cnf` claim of a token bound to the harness's certificate. @see RFC 8705 §3.1 */
  get cnf(): { 'x5t#S256': string } {
    return { 'x5t#S256': this.own.thumbprint };
  }
}
