/**
 * The IdP in-process through msw: nothing listens on a port, yet jose fetches the JWKS and a client
 * introspects tokens with the ordinary global fetch.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyOptions } from 'jose';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults } from './faults.ts';
import { MockIdp } from './idp.ts';
import { CONTROL_HEADER } from './secret.ts';
import { idpHandlers } from './serve.ts';

const ISSUER = 'https://idp.gauntlet.test';

let idp: MockIdp;
let server: ReturnType<typeof setupServer>;
let options: JWTVerifyOptions;

beforeAll(async () => {
  idp = await MockIdp.create({ issuer: ISSUER });
  server = setupServer(...idpHandlers(idp));
  server.listen({ onUnhandledRequest: 'error' });
  options = { issuer: ISSUER, audience: idp.minter.shape.audience, typ: 'at+jwt', algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] };
});

afterAll(() => {
  server?.close();
});

function basicAuth(): string {
  const { clientId, clientSecret } = idp.client;
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

describe('The mock IdP served in-process through msw', () => {
  it('jose accepts the baseline with keys fetched from the msw-served JWKS', async () => {
    const jwks = createRemoteJWKSet(new URL(`${ISSUER}/jwks`));
    const { token } = await idp.minter.baseline();

    const { payload } = await jwtVerify(token, jwks, options);

    expect(payload).toMatchObject({ iss: ISSUER, sub: idp.minter.shape.subject });
  });

  it('jose rejects the expired forgery with ERR_JWT_EXPIRED', async () => {
    const jwks = createRemoteJWKSet(new URL(`${ISSUER}/jwks`));
    const { shape } = idp.minter;
    const ctx = {
      now: idp.clock.now(),
      leeway: 60,
      maxLifetime: 7200,
      lifetime: shape.lifetime,
      issuer: ISSUER,
      audience: shape.audience,
      clientId: shape.clientId,
    };
    const { token } = await idp.minter.forge(faults.expired(ctx));

    const error = await jwtVerify(token, jwks, options).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'ERR_JWT_EXPIRED', claim: 'exp' });
  });

  it('introspection through fetch reports the baseline active', async () => {
    const { token, claims } = await idp.minter.baseline();

    const response = await fetch(`${ISSUER}/introspect`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ active: true, jti: claims.jti, client_id: idp.client.clientId });
  });

  it('introspection through fetch reports a garbage token inactive', async () => {
    const response = await fetch(`${ISSUER}/introspect`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'not-a-token' }),
    });

    expect(await response.json()).toEqual({ active: false });
  });

  it('the control API is locked in process too: no secret, or a foreign Origin, changes nothing', async () => {
    const kid = idp.keys.activeKey().kid;
    const rotate = (headers: Record<string, string>) =>
      fetch(`${ISSUER}/_gauntlet/keys/rotate`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

    const without = await rotate({});
    const foreign = await rotate({ [CONTROL_HEADER]: idp.controlSecret, origin: 'https://attacker.example' });
    const plain = await fetch(`${ISSUER}/_gauntlet/keys/rotate`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', [CONTROL_HEADER]: idp.controlSecret },
      body: '{}',
    });
    const unchanged = idp.keys.activeKey().kid;
    const granted = await rotate({ [CONTROL_HEADER]: idp.controlSecret });

    expect([without.status, foreign.status, plain.status]).toEqual([403, 403, 415]);
    expect(unchanged).toBe(kid);
    expect(granted.status).toBe(200);
    expect(idp.keys.activeKey().kid).not.toBe(kid);
  });

  it('in process too, a body over the cap is 413 and a null control body is a 400, not an exception', async () => {
    const post = (body: string) =>
      fetch(`${ISSUER}/_gauntlet/audit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const big = await post(`{"pad":"${'x'.repeat(70_000)}"}`);
    const nul = await post('null');

    expect(big.status).toBe(413);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({
      error: 'invalid_request',
      error_description: 'the body must be a JSON object, e.g. {"jti": "..."}',
    });
    expect(idp.state.audit).toEqual([]);
  });
});
