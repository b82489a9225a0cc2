import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { MockIdp } from '../mocks/idp/idp.ts';
import { resolveConfig, validateUserConfig } from './config.ts';
import { authenticationOf, requiresStepUp } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';
import { scenarioContext } from './scenario-context.ts';

const base = { target: 'http://127.0.0.1:1' };

describe('step-up endpoints (RFC 9470)', () => {
  it('read acr as one value or a list of alternatives, and maxAge in seconds; the string form stays as it was', async () => {
    const config = await resolveConfig(
      {
        ...base,
        endpoints: [
          'GET /orders',
          { method: 'post', path: '/transfer', scopes: ['payments'], acr: 'phr', maxAge: 300 },
          { method: 'GET', path: '/keys', acr: ['phr', 'phrh'] },
        ],
      },
      {},
    );
    expect(config.endpoints).toEqual([
      { method: 'GET', path: '/orders', scopes: [] },
      { method: 'POST', path: '/transfer', scopes: ['payments'], acr: ['phr'], maxAge: 300 },
      { method: 'GET', path: '/keys', scopes: [], acr: ['phr', 'phrh'] },
    ]);
    expect(config.endpoints.map(requiresStepUp)).toEqual([false, true, true]);
    expect(config.endpoints.map(authenticationOf)).toEqual([{}, { acr: 'phr', maxAge: 300 }, { acr: 'phr' }]);
  });

  it('name the cause and the fix of an acr with a space or a negative maxAge in one line', () => {
    const spaced = () => validateUserConfig({ endpoints: [{ method: 'GET', path: '/a', acr: 'phr phrh' }] }, 'config x');
    expect(spaced).toThrow(HarnessError);
    expect(spaced).toThrow(/^config x: endpoints\[0\]\.acr: an acr value is one word without spaces .*RFC 9470 §3\); fix that value/);
    const negative = () => validateUserConfig({ endpoints: [{ method: 'GET', path: '/a', maxAge: -1 }] }, 'config x');
    expect(negative).toThrow(/^config x: endpoints\[0\]\.maxAge: give seconds, 0 or more; fix that value/);
  });

  it('give the baseline a satisfying acr and an auth_time of now where the endpoint asks, and nothing elsewhere', async () => {
    const config = await resolveConfig(
      { ...base, endpoints: ['GET /orders', { method: 'GET', path: '/admin', scopes: ['admin'], acr: ['phr', 'phrh'], maxAge: 60 }] },
      {},
    );
    const idp = await MockIdp.create({ issuer: 'https://idp.test', algs: ['ES256'] });
    const [plain, stepUp] = await Promise.all(config.endpoints.map((e) => scenarioContext(config, idp, e).forge()));
    expect(decodeJwt(plain!.token)).not.toHaveProperty('acr');
    expect(decodeJwt(plain!.token)).not.toHaveProperty('auth_time');
    const claims = decodeJwt(stepUp!.token);
    expect(claims).toMatchObject({ acr: 'phr', scope: 'admin' });
    expect(claims.auth_time).toBe(claims.iat);
    // A forgery still changes exactly what it names.
    const lower = decodeJwt((await scenarioContext(config, idp, config.endpoints[1]!).forge({ claims: { acr: undefined } })).token);
    expect(lower).not.toHaveProperty('acr');
    expect(lower.auth_time).toBe(lower.iat);
  });
});
