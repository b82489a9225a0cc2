/**
 * What the mTLS scenarios share: they apply only to an API configured for certificate-bound tokens
 * (RFC 8705 §3), and each sends the baseline (a token bound to the harness's client certificate, over
 * a TLS connection presenting it) with one thing changed: the certificate, or the token's binding.
 * @see RFC 8705 §3, §3.1
 */
import { createHash } from 'node:crypto';
import type { Binding, ProbeSpec, ScenarioContext } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export const MTLS_REFS = [rfc(8705, '3'), rfc(6750, '3.1')] as const;

/** Skip reason on an API not configured for certificate-bound tokens. */
export function notMtls(_endpoint: unknown, config: { tokenType: string }): string | undefined {
  return config.tokenType === 'mtls'
    ? undefined
    : 'not applicable: the API is not configured for certificate-bound tokens (tokenType: "mtls" in the config when it takes them, RFC 8705)';
}

/**
 * The `x5t#S256` of a certificate the harness does not hold: another client's. A fixed value, so a
 * replay sends the same token shape.
 */
export const FOREIGN_THUMBPRINT = createHash('sha256')
  .update('token-gauntlet: a client certificate this client does not hold')
  .digest('base64url');

/** The baseline token (bound to the harness's certificate, unless `claims` say otherwise) over a connection presenting `certificate`. */
export async function overCertificate(
  ctx: ScenarioContext,
  label: string,
  certificate: Extract<Binding, { kind: 'mtls' }>['certificate'],
  claims?: Record<string, unknown>,
): Promise<ProbeSpec> {
  return {
    label,
    credential: { kind: 'token', token: await ctx.forge(claims ? { claims } : {}) },
    binding: { kind: 'mtls', certificate },
  };
}
