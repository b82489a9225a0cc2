import { request } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MtlsClient, certificateThumbprint, type ClientCertificate } from '../../idp/mtls.ts';
import { startIdp, type RunningIdp } from '../../idp/serve.ts';
import { createTlsMaterial, type TlsMaterial } from '../../idp/tls.ts';
import { startReferenceApi, type RunningReferenceApi } from './app.ts';

let idp: RunningIdp;
let api: RunningReferenceApi;
let client: MtlsClient;
let tls: TlsMaterial;

beforeAll(async () => {
  idp = await startIdp();
  client = await MtlsClient.create();
  tls = await createTlsMaterial();
  api = await startReferenceApi({
    issuer: idp.idp.issuer,
    jwksUri: idp.idp.jwksUri,
    audience: idp.idp.minter.shape.audience,
    mtls: true,
    tls: { key: tls.key, cert: tls.cert },
  });
});

afterAll(async () => {
  await api?.close();
  await idp?.close();
});

const token = async (claims: Record<string, unknown> = { cnf: client.cnf }) => (await idp.idp.minter.forge({ claims }, [])).token;

/** GET /orders over a fresh TLS connection presenting `certificate` (or none). */
function call(bearer: string, certificate?: ClientCertificate): Promise<{ status: number; www?: string; code?: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/orders', api.url), {
      headers: { authorization: `Bearer ${bearer}` },
      ca: tls.ca,
      agent: false,
      ...(certificate ? { cert: certificate.cert, key: certificate.key } : {}),
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, www: res.headers['www-authenticate'], code: (JSON.parse(body) as { code?: unknown }).code }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the client certificates the harness holds', () => {
  it('are two different certificates from one CA, and cnf carries the SHA-256 thumbprint of the own one (RFC 8705 §3.1)', () => {
    const own = new X509Certificate(client.own.cert);
    const other = new X509Certificate(client.other.cert);
    expect(own.checkIssued(new X509Certificate(client.ca))).toBe(true);
    expect(other.checkIssued(new X509Certificate(client.ca))).toBe(true);
    expect(client.own.thumbprint).not.toBe(client.other.thumbprint);
    // Node's own fingerprint, hex with colons, is the same SHA-256 of the DER.
    expect(Buffer.from(client.cnf['x5t#S256'], 'base64url').toString('hex')).toBe(own.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(certificateThumbprint(own.raw)).toBe(client.own.thumbprint);
  });
});

describe('the reference API taking certificate-bound tokens (RFC 8705 §3)', () => {
  it('accepts a token bound to the certificate the connection presents', async () => {
    expect(await call(await token(), client.own)).toMatchObject({ status: 200 });
  });

  it.each([
    ['no client certificate', () => token(), undefined, 'ClientCertificateRequired'],
    ["another client's certificate", () => token(), 'other', 'ClientCertificateMismatch'],
    [
      'a token bound to the other certificate',
      () => token({ cnf: { 'x5t#S256': client.other.thumbprint } }),
      'own',
      'ClientCertificateMismatch',
    ],
    ['an unbound token', () => token({ cnf: undefined }), 'own', 'TokenNotCertificateBound'],
  ] as const)('refuses %s with 401 invalid_token', async (_label, make, cert, code) => {
    const answer = await call(await make(), cert === undefined ? undefined : client[cert]);
    expect(answer).toEqual({ status: 401, www: expect.stringMatching(/^Bearer realm="api", error="invalid_token"/), code });
  });
});
