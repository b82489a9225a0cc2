import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { athOf, DpopClient, htuOf } from './dpop.ts';
import { startIdp, type RunningIdp } from './serve.ts';

let running: RunningIdp;
let client: DpopClient;

beforeAll(async () => {
  running = await startIdp();
  client = await DpopClient.create();
});
afterAll(async () => running?.close());

async function token(dpop?: string[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const { clientId, clientSecret } = running.idp.client;
  const headers = new Headers({
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
  });
  for (const p of dpop ?? []) headers.append('dpop', p);
  const response = await fetch(running.idp.tokenEndpoint, { method: 'POST', headers, body: 'grant_type=client_credentials' });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('DPoP at the mock IdP (RFC 9449 §5)', () => {
  it('binds the access token to the key of a valid proof: cnf.jkt and token_type DPoP', async () => {
    const proofs = await client.proofs({ method: 'POST', url: new URL(running.idp.tokenEndpoint) });
    const answer = await token(proofs);
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('DPoP');
    expect(decodeJwt(String(answer.body.access_token)).cnf).toEqual({ jkt: client.jkt });
  });

  it('issues an unbound Bearer token without a proof, and refuses a proof for another URL', async () => {
    const plain = await token();
    expect(plain.body.token_type).toBe('Bearer');
    expect(decodeJwt(String(plain.body.access_token)).cnf).toBeUndefined();
    const wrong = await client.proofs({ method: 'POST', url: new URL('https://elsewhere.example/token') });
    const refused = await token(wrong);
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_dpop_proof']);
  });
});

describe('the proofs the harness signs', () => {
  const url = new URL('http://127.0.0.1:8080/orders?x=1#f');

  it('makes a valid proof with typ, alg, the public jwk, jti, htm, htu without query, iat, ath and the nonce', async () => {
    const [proof] = await client.proofs({ method: 'GET', url, accessToken: 'tok', nonce: 'n-1' });
    const header = decodeProtectedHeader(proof!);
    expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: client.publicJwk });
    expect(header.jwk).not.toHaveProperty('d');
    expect(decodeJwt(proof!)).toMatchObject({
      htm: 'GET',
      htu: 'http://127.0.0.1:8080/orders',
      ath: athOf('tok'),
      nonce: 'n-1',
      jti: expect.any(String),
      iat: expect.any(Number),
    });
    expect(htuOf(url)).toBe('http://127.0.0.1:8080/orders');
  });

  it('changes exactly what a plan says', async () => {
    const req = { method: 'GET', url, accessToken: 'tok' };
    expect(await client.proofs(req, { omit: true })).toEqual([]);
    expect(await client.proofs(req, { count: 2 })).toHaveLength(2);
    const [noJti] = await client.proofs(req, { claims: { jti: undefined } });
    expect(decodeJwt(noJti!).jti).toBeUndefined();
    const [none] = await client.proofs(req, { signWith: 'none' });
    expect(decodeProtectedHeader(none!).alg).toBe('none');
    expect(none!.endsWith('.')).toBe(true);
    const [priv] = await client.proofs(req, { privateJwk: true });
    expect(decodeProtectedHeader(priv!).jwk).toHaveProperty('d');
    const [other] = await client.proofs(req, { signWith: 'other' });
    expect(decodeProtectedHeader(other!).jwk).toEqual(client.other.publicJwk);
    const replay: { proof?: string } = {};
    const [first] = await client.proofs(req, { replay });
    expect(await client.proofs(req, { replay })).toEqual([first]);
  });
});
