/**
 * Certificate-bound access tokens at the reference API (RFC 8705 §3): on an API that takes them, a
 * token must carry `cnf.x5t#S256`, and it must equal the SHA-256 thumbprint of the client certificate
 * the TLS connection presented. The server asks for a certificate but does not require one in the
 * handshake (`requestCert`, not `rejectUnauthorized`), so a missing or foreign certificate is refused
 * with the RFC 6750 401 `invalid_token` that §3 names, not a TLS alert the client cannot read.
 * @see RFC 8705 §3, §3.1
 */
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { invalidToken } from './rejection.ts';
import type { Step, StepContext } from './options.ts';

/**
 * The `x5t#S256` of the certificate the client presented on this request's connection (base64url of the
 * SHA-256 of its DER), or undefined when it presented none or the connection is not TLS.
 */
export function peerThumbprint(req: IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  const raw = socket.getPeerCertificate(false)?.raw;
  if (!raw?.length) return undefined;
  return Buffer.from(new X509Certificate(raw).fingerprint256.replace(/:/g, ''), 'hex').toString('base64url');
}

/** The token's `cnf.x5t#S256`, when it has one. */
export function boundThumbprint(ctx: Pick<StepContext, 'claims'>): string | undefined {
  const value = (ctx.claims?.cnf as Record<string, unknown> | undefined)?.['x5t#S256'];
  return typeof value === 'string' ? value : undefined;
}

/** The token bound to the certificate of this connection: bound at all, a certificate presented, the same one. */
export const checkCertificateBinding: Step = (ctx) => {
  if (!ctx.options.mtls) return;
  const bound = boundThumbprint(ctx);
  if (bound === undefined) return invalidToken('TokenNotCertificateBound');
  const presented = ctx.request.certificateThumbprint;
  if (presented === undefined) return invalidToken('ClientCertificateRequired');
  if (presented !== bound) return invalidToken('ClientCertificateMismatch');
};
