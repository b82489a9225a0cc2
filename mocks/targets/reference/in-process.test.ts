import { setupServer } from 'msw/node';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockIdp } from '../../idp/idp.ts';
import { idpHandlers } from '../../idp/serve.ts';
import { createReferenceApi } from './app.ts';

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

describe('the reference API in process', () => {
  it('fetches the JWKS and introspects through global fetch, so msw can serve the IdP', async () => {
    const app = createReferenceApi({
      issuer: idp.issuer,
      audience: idp.minter.shape.audience,
      introspection: { endpoint: idp.introspectionEndpoint, clientId: idp.client.clientId, clientSecret: idp.client.clientSecret },
    });
    const { token } = await idp.minter.baseline(['admin']);
    const response = await request(app).get('/admin').set('authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toMatchObject({ ok: true, path: '/admin', scope: 'admin' });
    expect(idp.state.journal.map((e) => e.path)).toEqual(expect.arrayContaining(['/jwks', '/introspect']));
  });

  it('answers a missing token with a bare Bearer challenge', async () => {
    const app = createReferenceApi({ issuer: idp.issuer, audience: idp.minter.shape.audience });
    await request(app).get('/orders').expect(401).expect('www-authenticate', 'Bearer realm="api"');
  });
});
