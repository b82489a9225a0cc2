/**
 * The mock IdP's endpoints over real HTTP on 127.0.0.1: discovery, JWKS, token, introspection,
 * revocation, the /_gauntlet control API, key persistence and startup errors.
 */
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { IdpError } from './errors.ts';
import { certificateValidity } from './certificate.ts';
import { ManualClock } from './clock.ts';
import { faults } from './faults.ts';
import { CONTROL_HEADER } from './secret.ts';
import { startIdp, type RunningIdp } from './serve.ts';
import { serveOnLoopback } from '../targets/loopback.ts';

const STALL_MS = 1000;

let running: RunningIdp;
let clock: ManualClock;
let t0: number;
/** IdPs started by single tests; closed with the main one. */
const others: RunningIdp[] = [];

beforeAll(async () => {
  t0 = Math.floor(Date.now() / 1000);
  clock = new ManualClock(t0);
  running = await startIdp({ clock, stallMs: STALL_MS });
});

afterEach(async () => {
  clock.set(t0);
  await control('reset');
});

afterAll(async () => {
  await Promise.all([running, ...others].filter(Boolean).map((r) => r.close()));
});

async function startOther(opts: Parameters<typeof startIdp>[0]): Promise<RunningIdp> {
  const other = await startIdp(opts);
  others.push(other);
  return other;
}

// ---- HTTP helpers -------------------------------------------------------------------------------

type ClientAuth = 'basic' | 'post' | 'none';

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** A form POST to an OAuth endpoint, authenticated as the baseline client unless told otherwise. */
async function post(path: string, params: Record<string, string>, auth: ClientAuth = 'basic', secret?: string): Promise<Response> {
  const { clientId, clientSecret } = running.idp.client;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(params);
  if (auth === 'basic') headers.authorization = basic(clientId, secret ?? clientSecret);
  if (auth === 'post') {
    body.set('client_id', clientId);
    body.set('client_secret', secret ?? clientSecret);
  }
  return fetch(`${running.url}${path}`, { method: 'POST', headers, body });
}

async function postJson(
  path: string,
  params: Record<string, string>,
  auth: ClientAuth = 'basic',
  secret?: string,
): Promise<Record<string, unknown>> {
  return (await (await post(path, params, auth, secret)).json()) as Record<string, unknown>;
}

async function control(path: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${running.url}/_gauntlet/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTROL_HEADER]: running.idp.controlSecret },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function jwksOf(r: RunningIdp = running): Promise<JWK[]> {
  return ((await (await fetch(r.idp.jwksUri)).json()) as { keys: JWK[] }).keys;
}

async function introspect(token: string): Promise<Record<string, unknown>> {
  return postJson('/introspect', { token });
}

async function journalSince(seq: number): Promise<Array<{ seq: number; path: string; via: string; method: string }>> {
  const response = await fetch(`${running.url}/_gauntlet/journal?since=${seq}`, {
    headers: { [CONTROL_HEADER]: running.idp.controlSecret },
  });
  return ((await response.json()) as { entries: Array<{ seq: number; path: string; via: string; method: string }> }).entries;
}

async function lastSeq(): Promise<number> {
  return (await journalSince(0)).at(-1)?.seq ?? 0;
}

async function waitForJournal(since: number, path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await journalSince(since)).some((e) => e.path === path)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${path} never reached the IdP`);
}

function httpsGetWithCa(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

// ---- tests --------------------------------------------------------------------------------------

describe('Discovery and the JWKS', () => {
  it('both well-known paths serve the same metadata for this issuer', async () => {
    const oidc = await (await fetch(`${running.url}/.well-known/openid-configuration`)).json();
    const oauth = await (await fetch(`${running.url}/.well-known/oauth-authorization-server`)).json();

    expect(oidc).toEqual(oauth);
    expect(oidc).toMatchObject({ issuer: running.url, jwks_uri: `${running.url}/jwks`, token_endpoint: `${running.url}/token` });
  });

  it('discovery lists only the algorithms the IdP was started with', async () => {
    const other = await startOther({ algs: ['ES256', 'EdDSA'] });

    const metadata = (await (await fetch(`${other.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    expect(metadata.id_token_signing_alg_values_supported).toEqual(['ES256', 'EdDSA']);
    expect(metadata.access_token_signing_alg_values_supported).toEqual(['ES256', 'EdDSA']);
    expect(new Set((await jwksOf(other)).map((k) => k.alg))).toEqual(new Set(['ES256', 'EdDSA']));
  });

  it('the JWKS is served with a Cache-Control header', async () => {
    const response = await fetch(running.idp.jwksUri);

    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('every JWKS key has its RFC 7638 thumbprint as kid, an alg, use sig and an x5c certificate', async () => {
    const keys = await jwksOf();

    const described = await Promise.all(
      keys.map(async (k) => ({
        kid: k.kid,
        thumbprint: await calculateJwkThumbprint(k),
        alg: typeof k.alg,
        use: k.use,
        x5c: k.x5c?.length,
      })),
    );

    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const d of described) expect(d).toEqual({ kid: d.thumbprint, thumbprint: d.thumbprint, alg: 'string', use: 'sig', x5c: 1 });
  });

  it("the expired-certificate key's certificate has expired while every other key's certificate is valid", async () => {
    const state = (await (
      await fetch(`${running.url}/_gauntlet/state`, { headers: { [CONTROL_HEADER]: running.idp.controlSecret } })
    ).json()) as { kids: Array<{ kid: string; purpose: string }> };
    const expiredKid = state.kids.find((k) => k.purpose === 'expired-cert')?.kid;

    const now = clock.now();
    const validity = (await jwksOf()).map((k) => {
      const { notBefore, notAfter } = certificateValidity(String(k.x5c?.[0]));
      return { kid: k.kid, valid: notBefore <= now && now <= notAfter, past: notAfter < now };
    });

    expect(expiredKid).toBeDefined();
    expect(validity.filter((v) => !v.valid)).toEqual([{ kid: expiredKid, valid: false, past: true }]);
  });
});

describe('The token endpoint', () => {
  it('issues an access token for client_credentials with HTTP Basic client authentication', async () => {
    const response = await post('/token', { grant_type: 'client_credentials' }, 'basic');

    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: running.idp.minter.shape.lifetime });
    expect(body.refresh_token).toBeUndefined();
    expect(await introspect(String(body.access_token))).toMatchObject({ active: true, client_id: running.idp.client.clientId });
  });

  it('issues an access token for client_credentials with client_secret_post', async () => {
    const response = await post('/token', { grant_type: 'client_credentials' }, 'post');

    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(await introspect(String(body.access_token))).toMatchObject({ active: true });
  });

  it('answers 401 invalid_client to a wrong client secret', async () => {
    const response = await post('/token', { grant_type: 'client_credentials' }, 'basic', 'wrong-secret');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers 401 invalid_client, not a server error, to Basic credentials with malformed percent-encoding', async () => {
    const response = await fetch(running.idp.tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${running.idp.client.clientId}:%E0%A4%A`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers unsupported_grant_type to an unknown grant', async () => {
    const response = await post('/token', { grant_type: 'urn:gauntlet:no-such-grant' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('adds a refresh token when offline_access is asked for', async () => {
    const body = await postJson('/token', { grant_type: 'client_credentials', scope: 'x offline_access' });

    expect(body).toMatchObject({ scope: 'x offline_access', refresh_token: expect.any(String) });
    expect(decodeProtectedHeader(String(body.refresh_token)).typ).toBe('rt+jwt');
  });

  it('exchanging a refresh token rotates it, and the new refresh token grants again', async () => {
    const first = await postJson('/token', { grant_type: 'client_credentials', scope: 'offline_access' });
    const second = await postJson('/token', { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });

    const third = await post('/token', { grant_type: 'refresh_token', refresh_token: String(second.refresh_token) });

    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(third.status).toBe(200);
    expect(await third.json()).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
  });

  it('a refresh token used a second time is refused with invalid_grant', async () => {
    const first = await postJson('/token', { grant_type: 'client_credentials', scope: 'offline_access' });
    const used = await post('/token', { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });

    const again = await post('/token', { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });

    expect(used.status).toBe(200);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a refresh token revoked at /revoke no longer grants', async () => {
    const first = await postJson('/token', { grant_type: 'client_credentials', scope: 'offline_access' });
    const revoked = await post('/revoke', { token: String(first.refresh_token) });

    const response = await post('/token', { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });

    expect(revoked.status).toBe(200);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('Introspection and revocation', () => {
  it('introspection without client authentication answers 401', async () => {
    const { token } = await running.idp.minter.baseline();

    const response = await post('/introspect', { token }, 'none');

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('an access token is inactive once the clock has passed its exp', async () => {
    const { token, claims } = await running.idp.minter.baseline();
    clock.set(Number(claims.exp) + 1);

    const body = await introspect(token);

    expect(body).toEqual({ active: false });
  });

  it('a token signed by a foreign key under the trusted kid is inactive', async () => {
    const { token } = await running.idp.minter.forge(faults['foreign-key']());

    const body = await introspect(token);

    expect(body).toEqual({ active: false });
  });

  it('garbage is inactive', async () => {
    const body = await introspect('garbage.not.a-token');

    expect(body).toEqual({ active: false });
  });

  it('an access token revoked at /revoke is inactive', async () => {
    const { token } = await running.idp.minter.baseline();
    const before = await introspect(token);
    const revoked = await post('/revoke', { token });

    const after = await introspect(token);

    expect(before).toMatchObject({ active: true });
    expect(revoked.status).toBe(200);
    expect(after).toEqual({ active: false });
  });
});

describe('The control API', () => {
  it('an injected jwks failure makes /jwks answer 503', async () => {
    await control('fail', { endpoint: 'jwks', mode: 'fail' });

    const response = await fetch(running.idp.jwksUri);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('a stalled jwks holds the request for stallMs, then answers 504', async () => {
    await control('fail', { endpoint: 'jwks', mode: 'stall' });
    const started = Date.now();

    const response = await fetch(running.idp.jwksUri);

    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALL_MS - 50);
  });

  it('a reset releases a stalled request early', async () => {
    await control('fail', { endpoint: 'jwks', mode: 'stall' });
    const since = await lastSeq();
    const started = Date.now();
    const pending = fetch(running.idp.jwksUri);
    await waitForJournal(since, '/jwks');

    await control('reset');
    const response = await pending;

    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(STALL_MS);
    expect((await fetch(running.idp.jwksUri)).status).toBe(200);
  });

  it('keys/rotate publishes a new kid and new baselines are signed with it', async () => {
    const before = (await jwksOf()).map((k) => k.kid);

    const rotated = await control('keys/rotate', {});

    const after = (await jwksOf()).map((k) => k.kid);
    const { header } = await running.idp.minter.baseline();
    expect(before).not.toContain(rotated.kid);
    expect(after).toContain(rotated.kid);
    expect(header.kid).toBe(rotated.kid);
    expect(await introspect((await running.idp.minter.baseline()).token)).toMatchObject({ active: true });
  });

  it('keys/retire removes the kid from the JWKS', async () => {
    const previous = String((await running.idp.minter.baseline()).header.kid);
    const rotated = await control('keys/rotate', {});
    onTestFinished(async () => {
      await control('keys/activate', { kid: previous });
    });

    const retired = await control('keys/retire', { kid: rotated.kid });

    const kids = (await jwksOf()).map((k) => k.kid);
    expect(retired).toEqual({ ok: true });
    expect(kids).not.toContain(rotated.kid);
    expect(kids).toContain(previous);
  });

  it('the journal lists requests in order with increasing seq', async () => {
    const since = await lastSeq();
    await fetch(`${running.url}/.well-known/openid-configuration`);
    await fetch(running.idp.jwksUri);

    const entries = await journalSince(since);

    expect(entries.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /.well-known/openid-configuration', 'GET /jwks']);
    expect(entries.map((e) => e.seq)).toEqual([since + 1, since + 2]);
  });

  it("a request to the attacker URL is recorded with via 'attacker'", async () => {
    const since = await lastSeq();
    await fetch(running.idp.attackerUrl());

    const entries = await journalSince(since);

    expect(entries).toEqual([expect.objectContaining({ path: '/_gauntlet/attacker/jwks', via: 'attacker' })]);
  });
});

describe('Key persistence and startup', () => {
  it('an IdP started twice on the same keys file publishes the same kids', async () => {
    const keysFile = join(mkdtempSync(join(tmpdir(), 'gauntlet-keys-')), 'keys.json');
    const first = await startIdp({ keysFile });
    const firstKids = (await jwksOf(first)).map((k) => k.kid);
    await first.close();

    const second = await startOther({ keysFile });

    expect((await jwksOf(second)).map((k) => k.kid)).toEqual(firstKids);
    expect(JSON.parse(readFileSync(keysFile, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('a keys file holding garbage fails with IdpError ERR_IDP_KEYS', async () => {
    const keysFile = join(mkdtempSync(join(tmpdir(), 'gauntlet-keys-')), 'keys.json');
    writeFileSync(keysFile, 'this is not a key set {');

    const error = await startIdp({ keysFile }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(IdpError);
    expect(error).toMatchObject({ code: 'ERR_IDP_KEYS' });
  });

  it('a port already in use fails with IdpError ERR_IDP_LISTEN', async () => {
    const port = Number(new URL(running.url).port);

    const error = await startIdp({ port }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(IdpError);
    expect(error).toMatchObject({ code: 'ERR_IDP_LISTEN' });
    expect((error as Error).message).toMatch(/^a gauntlet IdP is already listening on port \d+; stop it first/);
  });

  it('a port held by something else says only that it is in use', async () => {
    const other = await serveOnLoopback((_req, res) => res.writeHead(404).end());
    try {
      const error = await startIdp({ port: Number(new URL(other.url).port) }).catch((err: unknown) => err);
      expect(error).toMatchObject({ code: 'ERR_IDP_LISTEN' });
      expect((error as Error).message).toMatch(/^port \d+ is already in use; pick another/);
    } finally {
      await other.close();
    }
  });

  it('with tls the IdP serves https that a client trusting the written CA can read', async () => {
    const other = await startOther({ tls: true, algs: ['ES256'] });

    const response = await httpsGetWithCa(`${other.url}/.well-known/openid-configuration`, readFileSync(String(other.caPath), 'utf8'));

    expect(other.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ issuer: other.url, jwks_uri: `${other.url}/jwks` });
  });
});
