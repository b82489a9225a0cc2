/**
 * Opaque tokens over real HTTP on 127.0.0.1: the IdP issues random tokens it records, answers for
 * them at /introspect (JSON, or an RFC 9701 JWT when asked), revokes them, and falsifies one token's
 * answer when a fault says so, leaving every other token's alone.
 */
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from './serve.ts';

let running: RunningIdp;

beforeAll(async () => {
  running = await startIdp({ algs: ['ES256'], shape: { format: 'opaque', audience: 'https://api.opaque.test' } });
});

afterAll(async () => {
  await running?.close();
});

function basic(): string {
  const { clientId, clientSecret } = running.idp.client;
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

async function post(path: string, params: Record<string, string>, accept?: string): Promise<Response> {
  return fetch(`${running.idp.issuer}${path}`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded', ...(accept ? { accept } : {}) },
    body: new URLSearchParams(params),
  });
}

async function introspect(token: string): Promise<Record<string, unknown>> {
  const res = await post('/introspect', { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function jwks() {
  return createLocalJWKSet((await (await fetch(`${running.idp.issuer}/jwks`)).json()) as { keys: [] });
}

describe('opaque tokens', () => {
  it('are random, no JWT, and introspect as the claims they were forged with', async () => {
    const a = await running.idp.minter.baseline(['admin']);
    const b = await running.idp.minter.baseline(['admin']);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const answer = await introspect(a.token);
    expect(answer).toMatchObject({
      active: true,
      token_type: 'access_token',
      aud: 'https://api.opaque.test',
      scope: 'admin',
      jti: a.claims.jti,
      client_id: running.idp.client.clientId,
    });
    const forged = await running.idp.minter.forge({ claims: { aud: 'https://another-api.test' } });
    expect((await introspect(forged.token)).aud).toBe('https://another-api.test');
  });

  it('are inactive when expired, revoked (by the jti recorded for them) or never issued', async () => {
    const now = running.idp.clock.now();
    const expired = await running.idp.minter.forge({ claims: { exp: now - 3600, iat: now - 3900 } });
    expect(await introspect(expired.token)).toEqual({ active: false });
    const unknown = await running.idp.minter.forge({ opaque: 'unknown' });
    expect(await introspect(unknown.token)).toEqual({ active: false });
    const revoked = await running.idp.minter.baseline();
    expect((await post('/revoke', { token: revoked.token })).status).toBe(200);
    expect(await introspect(revoked.token)).toEqual({ active: false });
  });

  it('come from /token too, and the opaque refresh token grants once', async () => {
    const res = await post('/token', { grant_type: 'client_credentials', scope: 'offline_access' });
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    expect(body.access_token).not.toContain('.');
    expect((await introspect(body.access_token)).active).toBe(true);
    expect((await introspect(body.refresh_token)).token_type).toBe('refresh_token');
    expect((await post('/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token })).status).toBe(200);
    expect((await post('/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token })).status).toBe(400);
  });
});

describe('RFC 9701 JWT introspection answers', () => {
  const TYPE = 'application/token-introspection+jwt';

  it('are given when asked: typ token-introspection+jwt, signed by a published key, aud the client, the answer in token_introspection', async () => {
    const token = await running.idp.minter.baseline();
    const res = await post('/introspect', { token: token.token }, TYPE);
    expect(res.headers.get('content-type')).toBe(TYPE);
    const { payload, protectedHeader } = await jwtVerify(await res.text(), await jwks(), {
      issuer: running.idp.issuer,
      audience: running.idp.client.clientId,
      typ: 'token-introspection+jwt',
      maxTokenAge: 60,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.token_introspection).toMatchObject({ active: true, jti: token.claims.jti });
  });

  it('are forged per token: unsigned, foreign key, another audience, stale iat, each saying a revoked token is active', async () => {
    const keys = await jwks();
    const forged = async (forgery: 'unsigned' | 'foreign-key' | 'other-audience' | 'stale-iat'): Promise<string> => {
      const token = await running.idp.minter.baseline();
      const jti = String(token.claims.jti);
      running.idp.state.revokedJtis.add(jti);
      running.idp.state.faultToken(jti, { introspectJwt: forgery });
      // The same token asked as JSON: the truth.
      expect(await introspect(token.token)).toEqual({ active: false });
      const jwt = await (await post('/introspect', { token: token.token }, TYPE)).text();
      expect((decodeJwt(jwt).token_introspection as { active: unknown }).active).toBe(true);
      return jwt;
    };
    const unsigned = await forged('unsigned');
    expect(decodeProtectedHeader(unsigned).alg).toBe('none');
    expect(unsigned.endsWith('.')).toBe(true);
    await expect(compactVerify(await forged('foreign-key'), keys)).rejects.toThrow();
    const other = await forged('other-audience');
    await expect(jwtVerify(other, keys)).resolves.toBeTruthy();
    expect(decodeJwt(other).aud).not.toBe(running.idp.client.clientId);
    const stale = await forged('stale-iat');
    expect(running.idp.clock.now() - Number(decodeJwt(stale).iat)).toBe(3600);
    // Another token, meanwhile: the truth, signed.
    const fine = await running.idp.minter.baseline();
    const answer = await jwtVerify(await (await post('/introspect', { token: fine.token }, TYPE)).text(), keys, {
      audience: running.idp.client.clientId,
    });
    expect(answer.payload.token_introspection).toMatchObject({ active: true });
  });
});

describe('introspection garbage, per token', () => {
  it('answers 200 with text, HTML or a quoted "active" for that token only', async () => {
    const garbled = async (kind: 'not-json' | 'html' | 'active-string'): Promise<Response> => {
      const token = await running.idp.minter.baseline();
      running.idp.state.faultToken(String(token.claims.jti), { introspectGarbage: kind });
      return post('/introspect', { token: token.token });
    };
    const text = await garbled('not-json');
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'text/plain', 'OK']);
    expect((await garbled('html')).headers.get('content-type')).toMatch(/^text\/html/);
    expect(((await (await garbled('active-string')).json()) as { active: unknown }).active).toBe('true');
    expect((await introspect((await running.idp.minter.baseline()).token)).active).toBe(true);
  });
});
