/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 / localhost, for
 * `gauntlet idp --tls`: some validators refuse a JWKS URL that is not https.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export interface TlsMaterial {
  key: string;
  cert: string;
  ca: string;
  /** Where the CA certificate was written: give it to the target (e.g. NODE_EXTRA_CA_CERTS). */
  caPath: string;
}

export async function createTlsMaterial(hosts: string[] = ['127.0.0.1', 'localhost']): Promise<TlsMaterial> {
  const now = Date.now();
  const notBefore = new Date(now - 3600_000);
  const notAfter = new Date(now + 30 * 24 * 3600_000);
  const caKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=token-gauntlet test CA',
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leafKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=token-gauntlet mock IdP',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h })),
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const key = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey));
  const caPem = ca.toString('pem') + '\n';
  const caPath = join(mkdtempSync(join(tmpdir(), 'gauntlet-tls-')), 'ca.pem');
  writeFileSync(caPath, caPem);
  return { key, cert: leaf.toString('pem') + '\n', ca: caPem, caPath };
}
