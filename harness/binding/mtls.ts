/**
 * Certificate-bound tokens (RFC 8705 §3) on the wire: every request of an mTLS run goes over a TLS
 * connection that presents the harness's client certificate, the one its tokens are bound to, unless
 * the probe asks for another client's certificate or none. One keep-alive client per certificate, so
 * a connection never carries another certificate than the probe's.
 * @see RFC 8705 §3
 */
import { createSecureContext } from 'node:tls';
import type { MtlsClient } from '../../mocks/idp/mtls.ts';
import { HarnessError } from '../core/errors.ts';
import type { Probe } from '../probe.ts';
import { urlTarget, type Target, type TargetLimits } from '../target/index.ts';

export type CertificateChoice = 'own' | 'other' | 'none';

/** The certificate a probe's connection presents: the harness's own unless its binding says otherwise. */
export function certificateOf(probe: Pick<Probe, 'binding'>): CertificateChoice {
  return probe.binding?.kind === 'mtls' ? (probe.binding.certificate ?? 'own') : 'own';
}

/**
 * `target` (opened with no client certificate) and two more clients of the same URL, one per
 * certificate, each probe sent by the one its binding names. Without an mTLS client: `target` itself.
 */
export async function mtlsTarget(
  target: Target,
  client: MtlsClient | undefined,
  limits: TargetLimits,
  /** The CAs the target's certificate may chain to; unset, the system's. */
  ca?: string[],
): Promise<Target> {
  if (!client) return target;
  if (!/^https:/i.test(target.baseUrl)) {
    await target.close();
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `tokenType "mtls" needs an https:// target (the client certificate is presented in the TLS handshake), not ${target.baseUrl}; serve the API over HTTPS or drop tokenType "mtls"`,
    );
  }
  const withCert = (c: { cert: string; key: string }): Target =>
    urlTarget(target.baseUrl, {
      ...limits,
      tls: { secureContext: createSecureContext({ ...(ca ? { ca } : {}), cert: c.cert, key: c.key }) },
    });
  const clients: Record<CertificateChoice, Target> = { own: withCert(client.own), other: withCert(client.other), none: target };
  return {
    ...target,
    send: (probe, timeoutMs) => clients[certificateOf(probe)].send(probe, timeoutMs),
    close: async () => {
      await Promise.all([clients.own.close(), clients.other.close()]);
      await target.close();
    },
  };
}
