/**
 * The token, introspection and revocation endpoints answer malformed requests the way RFC 6749 §5.2,
 * RFC 7662 §2 and RFC 7009 §2 say, over real HTTP: missing, repeated or doubly authenticated requests
 * are invalid_request; answers are never cached; a wrong method is 405 with Allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from './serve.ts';

let running: RunningIdp;

beforeAll(async () => {
  running = await startIdp({ algs: ['ES256'] });
});

afterAll(async () => {
  await running?.close();
});

const FORM = 'application/x-www-form-urlencoded';

function basic(): string {
  const { clientId, clientSecret } = running.idp.client;
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

/** POST a raw form body (so a parameter can be repeated) with Basic client authentication unless told otherwise. */
async function post(path: string, body: string, headers: Record<string, string> = { authorization: basic() }, type = FORM) {
  const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('the token endpoint (RFC 6749 §5.2)', () => {
  it('a request without grant_type is invalid_request, not unsupported_grant_type', async () => {
    const answer = await post('/token', 'scope=orders');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request', error_description: 'parameter grant_type is required' });
  });

  it('an unknown grant_type is still unsupported_grant_type', async () => {
    const answer = await post('/token', 'grant_type=urn%3Ax%3Anope');

    expect(answer.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('a repeated parameter is invalid_request, the same request without the repeat is granted', async () => {
    const repeated = await Promise.all(
      ['grant_type=client_credentials&grant_type=client_credentials', 'grant_type=client_credentials&scope=a&scope=b'].map((b) =>
        post('/token', b),
      ),
    );
    const once = await post('/token', 'grant_type=client_credentials&scope=a');

    expect(repeated.map((a) => [a.status, a.body.error])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
    expect(repeated[1]!.body.error_description).toBe('parameter "scope" is sent more than once (RFC 6749 §3.2)');
    expect(once.status).toBe(200);
  });

  it('Basic and client_secret in the body at once is invalid_request; either one alone is granted', async () => {
    const { clientId, clientSecret } = running.idp.client;
    const inBody = `client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret)}`;

    const both = await post('/token', `grant_type=client_credentials&${inBody}`);
    const basicOnly = await post('/token', 'grant_type=client_credentials');
    const bodyOnly = await post('/token', `grant_type=client_credentials&${inBody}`, {});

    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/one client authentication method/),
    });
    expect(basicOnly.status).toBe(200);
    expect(bodyOnly.status).toBe(200);
  });

  it('a client_id in the body naming another client than Basic is invalid_request', async () => {
    const answer = await post('/token', 'grant_type=client_credentials&client_id=someone-else');

    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('an Authorization header that is not Basic is invalid_client with a Basic challenge', async () => {
    const answer = await post('/token', 'grant_type=client_credentials', { authorization: 'Bearer abc' });

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
  });

  it('a refresh_token grant without refresh_token is invalid_request', async () => {
    const answer = await post('/token', 'grant_type=refresh_token');

    expect(answer).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'parameter refresh_token is required' },
    });
  });

  it('tokens and errors alike carry Cache-Control: no-store and Pragma: no-cache', async () => {
    const answers = await Promise.all([
      post('/token', 'grant_type=client_credentials'),
      post('/token', 'scope=x'),
      post('/token', 'grant_type=client_credentials', {}),
    ]);

    expect(answers.map((a) => a.status)).toEqual([200, 400, 401]);
    for (const a of answers) {
      expect(a.headers.get('cache-control')).toBe('no-store');
      expect(a.headers.get('pragma')).toBe('no-cache');
    }
  });

  it('a body that is not a form (JSON, text) is invalid_request', async () => {
    const answers = await Promise.all([
      post('/token', '{"grant_type":"client_credentials"}', { authorization: basic() }, 'application/json'),
      post('/token', 'grant_type=client_credentials', { authorization: basic() }, 'text/plain'),
    ]);

    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
  });

  it('a form that is not UTF-8 is invalid_request', async () => {
    const response = await fetch(running.idp.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': FORM, authorization: basic() },
      body: new Uint8Array([...Buffer.from('grant_type=client_credentials&scope='), 0xff, 0xfe]),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'the request body is not UTF-8' });
  });
});

describe('methods', () => {
  it.each([
    ['GET', '/token', 'POST'],
    ['PUT', '/introspect', 'POST'],
    ['DELETE', '/revoke', 'POST'],
    ['POST', '/jwks', 'GET, HEAD'],
    ['PATCH', '/.well-known/openid-configuration', 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${running.url}${path}`, { method });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('OPTIONS answers 204 with Allow', async () => {
    const response = await fetch(running.idp.tokenEndpoint, { method: 'OPTIONS' });

    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('introspection (RFC 7662) and revocation (RFC 7009)', () => {
  it('a request without token is invalid_request at both', async () => {
    const answers = await Promise.all([post('/introspect', 'token_type_hint=access_token'), post('/revoke', '')]);

    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
  });

  it('a repeated token is invalid_request at both; one token is answered', async () => {
    const { token } = await running.idp.minter.baseline();
    const twice = `token=${token}&token=${token}`;

    const answers = await Promise.all([post('/introspect', twice), post('/revoke', twice)]);
    const once = await post('/introspect', `token=${token}`);

    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
    expect(once.body).toMatchObject({ active: true });
    expect(running.idp.state.revokedJtis.size).toBe(0);
  });

  it('two client authentication methods are invalid_request at both', async () => {
    const { clientId, clientSecret } = running.idp.client;
    const body = `token=x&client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret)}`;

    const answers = await Promise.all([post('/introspect', body), post('/revoke', body)]);

    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ]);
  });

  it('introspection answers are not cached', async () => {
    const answer = await post('/introspect', 'token=garbage');

    expect(answer.body).toEqual({ active: false });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
  });
});
