/**
 * The validity window of a JWK's x5c certificate: a key whose certificate has expired (or is not yet
 * valid) must not verify tokens (the expired-certificate incident). Parsed once per certificate.
 * @see RFC 7517 §4.7 (x5c)
 */
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';

export interface Validity {
  notBefore: number;
  notAfter: number;
}

const parsed = new Map<string, Validity | null>();

/** notBefore/notAfter of a base64 DER certificate as NumericDates, or null when it does not parse. */
export function certificateValidity(x5c: string): Validity | null {
  let validity = parsed.get(x5c);
  if (validity === undefined) {
    try {
      const cert = new X509Certificate(Buffer.from(x5c, 'base64'));
      validity = { notBefore: Math.floor(cert.notBefore.getTime() / 1000), notAfter: Math.floor(cert.notAfter.getTime() / 1000) };
    } catch {
      validity = null;
    }
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(x5c, validity);
  }
  return validity;
}
