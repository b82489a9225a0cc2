import { describe, expect, it } from 'vitest';
import type { TLSSocket } from 'node:tls';
import { createSecureContext } from 'node:tls';
import { MtlsClient } from '../../mocks/idp/mtls.ts';
import { createTlsMaterial } from '../../mocks/idp/tls.ts';
import { serveOnLoopback } from '../../mocks/targets/loopback.ts';
import { peerThumbprint } from '../../mocks/targets/reference/mtls.ts';
import { resolveConfig } from '../config.ts';
import { HarnessError } from '../core/errors.ts';
import { openTarget } from '../open-target.ts';
import { buildProbe } from '../probe.ts';
import { urlTarget } from '../target/index.ts';
import { certificateOf, mtlsTarget } from './mtls.ts';

const endpoint = { method: 'GET', path: '/whoami', scopes: [] };
const opts = { location: { in: 'header' as const, name: 'authorization', scheme: 'Bearer' }, requestIdHeader: 'x-request-id' };
const probe = (certificate?: 'own' | 'other' | 'none') =>
  buildProbe(
    's',
    { credential: { kind: 'token', token: 'tok' }, ...(certificate ? { binding: { kind: 'mtls' as const, certificate } } : {}) },
    endpoint,
    ['OK'],
    opts,
  );

describe('mtlsTarget', () => {
  it('presents the own certificate by default, the other or none when a probe asks, each on connections of its own', async () => {
    const [client, tls] = await Promise.all([MtlsClient.create(), createTlsMaterial()]);
    // An HTTPS server that answers with the thumbprint of the certificate each connection presented.
    const server = await serveOnLoopback(
      (req, res) => {
        const reused = (req.socket as TLSSocket & { served?: boolean }).served === true;
        (req.socket as TLSSocket & { served?: boolean }).served = true;
        res.end(JSON.stringify({ thumbprint: peerThumbprint(req) ?? null, reused }));
      },
      { tls: { key: tls.key, cert: tls.cert, requestCert: true } },
    );
    const limits = { tls: { secureContext: createSecureContext({ ca: tls.ca }) } };
    const target = await mtlsTarget(urlTarget(server.url, limits), client, limits, [tls.ca]);
    try {
      const seen = async (certificate?: 'own' | 'other' | 'none') =>
        JSON.parse((await target.send(probe(certificate), 5000)).body) as { thumbprint: string | null; reused: boolean };
      expect(await seen()).toEqual({ thumbprint: client.own.thumbprint, reused: false });
      expect(await seen('other')).toEqual({ thumbprint: client.other.thumbprint, reused: false });
      expect(await seen('none')).toEqual({ thumbprint: null, reused: false });
      // Kept alive per certificate: the own connection again, still presenting the own certificate.
      expect(await seen('own')).toEqual({ thumbprint: client.own.thumbprint, reused: true });
      expect(await seen('none')).toEqual({ thumbprint: null, reused: true });
    } finally {
      await target.close();
      await server.close();
    }
  });

  it('is the target itself on a run that is not mTLS, and a probe without an mtls binding presents the own certificate', async () => {
    const plain = urlTarget('http://127.0.0.1:9');
    expect(await mtlsTarget(plain, undefined, {})).toBe(plain);
    expect(certificateOf({})).toBe('own');
    expect(certificateOf({ binding: { kind: 'dpop' } })).toBe('own');
    expect(certificateOf({ binding: { kind: 'mtls', certificate: 'none' } })).toBe('none');
  });

  it('refuses an http:// target in one line, closing the target it was given', async () => {
    const client = await MtlsClient.create();
    let closed = false;
    const plain = { ...urlTarget('http://127.0.0.1:9'), close: async () => void (closed = true) };
    const err = await mtlsTarget(plain, client, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('ERR_CONFIG_INVALID');
    expect((err as Error).message).toBe(
      'tokenType "mtls" needs an https:// target (the client certificate is presented in the TLS handshake), not http://127.0.0.1:9; serve the API over HTTPS or drop tokenType "mtls"',
    );
    expect(closed).toBe(true);
  });

  it('names a targetCa file it cannot read, relative to the config, in one line', async () => {
    const config = await resolveConfig({}, { target: 'https://127.0.0.1:9', endpoints: ['GET /x'], targetCa: 'no-such-ca.pem' }, '/tmp');
    expect(config.targetCa).toBe('/tmp/no-such-ca.pem');
    const err = await openTarget(config, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as Error).message).toBe("targetCa: cannot read /tmp/no-such-ca.pem (ENOENT); give a PEM file of the target's CA");
  });
});
