/**
 * The validity window of a JWK's x5c certificate: a key whose certificate has expired (or is not yet
 * valid) must not verify tokens (the expired-certificate incident). Parsed once per certificate, by
 * Node's own X509Certificate (OpenSSL), so the API does not load an ASN.1 library at start.
 * @see RFC 7517 §4.7 (x5c)
 */
import { X509Certificate } from 'node:crypto';

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
      // validFrom / validTo: OpenSSL's "Dec  2 06:48:00 2026 GMT", to the second.
      const notBefore = Date.parse(cert.validFrom) / 1000;
      const notAfter = Date.parse(cert.validTo) / 1000;
      validity = Number.isFinite(notBefore) && Number.isFinite(notAfter) ? { notBefore, notAfter } : null;
    } catch {
      validity = null;
    }
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(x5c, validity);
  }
  return validity;
}
