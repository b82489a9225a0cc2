import { setupServer } from 'msw/node';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockIdp } from '../../idp/idp.ts';
import { idpHandlers } from '../../idp/serve.ts';
import { createGatewayApi, startGatewayApi } from './index.ts';
import type { GatewayOptions } from './options.ts';

const ACCESS = 'Access Token in the request, identified by HEADER access_token, is invalid. Check docs.sensedia.com';
const CLIENT = 'Client Id in the request, identified by HEADER client_id, is invalid. Check docs.sensedia.com';

let idp: MockIdp;
let msw: ReturnType<typeof setupServer>;

beforeAll(async () => {
  idp = await MockIdp.create({ issuer: 'https://idp.gauntlet.test' });
  msw = setupServer(...idpHandlers(idp));
  msw.listen({ onUnhandledRequest: 'bypass' });
});

afterAll(() => {
  msw?.close();
});

function gateway(extra: Partial<GatewayOptions> = {}) {
  return createGatewayApi({
    issuer: idp.issuer,
    audience: idp.minter.shape.audience,
    directory: { clients: [idp.minter.shape.clientId], blockedClients: ['blocked-client'] },
    ...extra,
  });
}

const clientId = (): string => idp.minter.shape.clientId;

describe('the gateway target', () => {
  it("serves a valid token sent raw in the access_token header with the token's client in client_id", async () => {
    const { token } = await idp.minter.baseline(['admin']);
    const answer = await request(gateway()).get('/admin').set('access_token', token).set('client_id', clientId()).expect(200);
    expect(answer.body).toMatchObject({ ok: true, path: '/admin' });
  });

  it('does not read a token from the Authorization header, and answers 401 without a challenge', async () => {
    const { token } = await idp.minter.baseline([]);
    const answer = await request(gateway()).get('/orders').set('authorization', `Bearer ${token}`).set('client_id', clientId()).expect(401);
    expect(answer.body).toEqual({ message: ACCESS });
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });

  it('answers an expired token with 401 and the access token message', async () => {
    const now = idp.clock.now();
    const { token } = await idp.minter.forge({ claims: { exp: now - 3600, iat: now - 3900 } });
    const answer = await request(gateway()).get('/orders').set('access_token', token).set('client_id', clientId()).expect(401);
    expect(answer.body).toEqual({ message: ACCESS });
  });

  it('answers a token without the needed scope with 401, not 403, and the access token message', async () => {
    const { token } = await idp.minter.baseline([]);
    const answer = await request(gateway()).get('/admin').set('access_token', token).set('client_id', clientId()).expect(401);
    expect(answer.body).toEqual({ message: ACCESS });
  });

  it.each([
    ['no client_id header', undefined],
    ['a client_id header naming another client than the token', 'someone-else'],
  ])('answers %s with 401 and the client id message', async (_label, header) => {
    const { token } = await idp.minter.baseline([]);
    const req = request(gateway()).get('/orders').set('access_token', token);
    const answer = await (header === undefined ? req : req.set('client_id', header)).expect(401);
    expect(answer.body).toEqual({ message: CLIENT });
  });

  it('answers a token of an unregistered or blocked client with the client id message', async () => {
    for (const client of ['not-registered', 'blocked-client']) {
      const { token } = await idp.minter.forge({ claims: { client_id: client } });
      const answer = await request(gateway()).get('/orders').set('access_token', token).set('client_id', client).expect(401);
      expect(answer.body).toEqual({ message: CLIENT });
    }
  });

  it('fills %s with the configured header names and takes replacement messages', async () => {
    const app = gateway({ tokenHeader: 'X-Api-Token', messages: { accessToken: 'bad %s' } });
    const answer = await request(app).get('/orders').set('client_id', clientId()).expect(401);
    expect(answer.body).toEqual({ message: 'bad x-api-token' });
  });

  it('listens on 127.0.0.1 on a free port', async () => {
    const api = await startGatewayApi({ issuer: idp.issuer, audience: idp.minter.shape.audience });
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${api.url}/orders`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: ACCESS });
    } finally {
      await api.close();
    }
  });
});
