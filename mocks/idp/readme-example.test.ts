/** The README's "mint tokens in your unit tests" example, as written there, against an in-process verifier. */
import { setupServer } from 'msw/node';
import { createRemoteJWKSet, jwtVerify, errors } from 'jose';
import { afterAll, expect, it } from 'vitest';
import { MockIdp, idpHandlers } from '../index.ts';

let server: ReturnType<typeof setupServer> | undefined;
afterAll(() => server?.close());

it('serves the IdP through your own setupServer and mints a valid and an expired token', async () => {
  const idp = await MockIdp.create({ issuer: 'https://idp.test', shape: { audience: 'https://orders.example' } });
  server = setupServer(...idpHandlers(idp));
  server.listen({ onUnhandledRequest: 'error' });
  const valid = (await idp.minter.baseline(['orders:read'])).token;
  const expired = (await idp.minter.forge({ claims: { exp: idp.clock.now() - 3600 } }, ['orders:read'])).token;

  const jwks = createRemoteJWKSet(new URL('https://idp.test/jwks'));
  const verify = (t: string) => jwtVerify(t, jwks, { issuer: 'https://idp.test', audience: 'https://orders.example', typ: 'at+jwt' });
  expect((await verify(valid)).payload.scope).toBe('orders:read');
  await expect(verify(expired)).rejects.toBeInstanceOf(errors.JWTExpired);
});
