import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChallenge, parseWwwAuthenticate } from '../../../harness/observe/www-authenticate.ts';
import { DpopClient, type DpopProofPlan } from '../../idp/dpop.ts';
import { startIdp, type RunningIdp } from '../../idp/serve.ts';
import { startReferenceApi, type RunningReferenceApi } from './app.ts';

let idp: RunningIdp;
let api: RunningReferenceApi;
let withNonce: RunningReferenceApi;
let client: DpopClient;

beforeAll(async () => {
  idp = await startIdp();
  client = await DpopClient.create();
  const base = { issuer: idp.idp.issuer, jwksUri: idp.idp.jwksUri, audience: idp.idp.minter.shape.audience };
  api = await startReferenceApi({ ...base, dpop: {} });
  withNonce = await startReferenceApi({ ...base, dpop: { nonce: true } });
});

afterAll(async () => {
  await api?.close();
  await withNonce?.close();
  await idp?.close();
});

const boundToken = async (scopes: string[] = []) => (await idp.idp.minter.forge({ claims: { cnf: client.cnf } }, scopes)).token;

async function call(
  target: RunningReferenceApi,
  path: string,
  token: string,
  plan: DpopProofPlan = {},
  opts: { scheme?: string; nonce?: string } = {},
) {
  const url = new URL(path, target.url);
  const proofs = await client.proofs({ method: 'GET', url, accessToken: token, nonce: opts.nonce }, plan);
  const headers = new Headers({ authorization: `${opts.scheme ?? 'DPoP'} ${token}` });
  for (const p of proofs) headers.append('dpop', p);
  const response = await fetch(url, { headers });
  const challenge = findChallenge(parseWwwAuthenticate(response.headers.get('www-authenticate') ?? undefined).challenges, 'DPoP');
  return {
    status: response.status,
    challenge,
    body: (await response.json()) as Record<string, unknown>,
    nonce: response.headers.get('dpop-nonce'),
  };
}

describe('the reference API in DPoP mode', () => {
  it('accepts a bound token with a fresh proof, and answers no credentials with a DPoP challenge naming algs', async () => {
    expect((await call(api, '/admin', await boundToken(['admin']))).status).toBe(200);
    const none = await fetch(new URL('/orders', api.url));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('DPoP realm="api", algs="ES256 RS256 PS256 EdDSA"');
  });

  it.each<[string, DpopProofPlan]>([
    ['no proof', { omit: true }],
    ['a proof that is not a JWT', { raw: 'not-a-jwt' }],
    ['typ JWT', { header: { typ: 'JWT' } }],
    ['alg none', { signWith: 'none' }],
    ['an HMAC proof', { signWith: 'hmac' }],
    ['a bad signature', { signWith: 'tampered' }],
    ['a private jwk', { privateJwk: true }],
    ['no jti', { claims: { jti: undefined } }],
    ['htm POST', { claims: { htm: 'POST' } }],
    ['htu of another URL', { htu: (u) => new URL('/other', u).href }],
    ['iat an hour ago', { iatOffset: -3600 }],
    ['ath wrong', { claims: { ath: 'x'.repeat(43) } }],
    ['another key', { signWith: 'other' }],
    ['two proofs', { count: 2 }],
  ])('refuses %s with 401 invalid_dpop_proof', async (_label, plan) => {
    const answer = await call(api, '/orders', await boundToken(), plan);
    expect(answer.status).toBe(401);
    expect(answer.challenge?.params).toMatchObject({ error: 'invalid_dpop_proof', algs: 'ES256 RS256 PS256 EdDSA' });
  });

  it('accepts htu differing only in scheme case or a default port', async () => {
    expect((await call(api, '/orders', await boundToken(), { htu: (u) => u.href.replace('http:', 'HTTP:') })).status).toBe(200);
  });

  it('refuses a replayed proof', async () => {
    const token = await boundToken();
    const replay = { proof: undefined as string | undefined };
    expect((await call(api, '/orders', token, { replay })).status).toBe(200);
    const again = await call(api, '/orders', token, { replay });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('DpopProofReplayed');
  });

  it('refuses the bound token as Bearer, and an unbound token with the DPoP scheme', async () => {
    const downgraded = await call(api, '/orders', await boundToken(), { omit: true }, { scheme: 'Bearer' });
    expect([downgraded.status, downgraded.body.code]).toEqual([401, 'TokenBoundToKey']);
    const unbound = await call(api, '/orders', (await idp.idp.minter.baseline()).token);
    expect([unbound.status, unbound.body.code]).toEqual([401, 'TokenNotBound']);
  });

  it('asks for a nonce, then accepts the proof that carries it', async () => {
    const token = await boundToken();
    const first = await call(withNonce, '/orders', token);
    expect(first.status).toBe(401);
    expect(first.challenge?.params.error).toBe('use_dpop_nonce');
    expect(first.nonce).toMatch(/^[\w-]{16,}$/);
    expect((await call(withNonce, '/orders', token, {}, { nonce: first.nonce! })).status).toBe(200);
  });
});
