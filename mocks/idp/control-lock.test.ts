/**
 * The control API is locked: it changes nothing without the run's secret, from a foreign Origin or
 * another site, through a host name that is not the IdP's (DNS rebinding), or without a JSON body.
 * Each refusal is paired with the same request made the right way, which does change the state.
 * Also: the secret is per run and never in the keys file, a non-loopback --host warns, and the caps.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureOut } from '../../harness/cli/out.ts';
import { idpCommand } from '../../harness/cli/idp-command.ts';
import { exposureWarning } from './authorities.ts';
import { MAX_AUDIT_BYTES, MAX_AUDIT_EVENTS, MAX_BODY_BYTES, MAX_CONTROL_KEYS } from './limits.ts';
import { CONTROL_HEADER } from './secret.ts';
import { startIdp, type RunningIdp } from './serve.ts';

let running: RunningIdp;
let port: number;

beforeAll(async () => {
  running = await startIdp({ algs: ['ES256'] });
  port = Number(new URL(running.url).port);
});

afterEach(() => running.idp.state.reset());

afterAll(async () => {
  await running?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http, so that Host, Origin and the rest are exactly what the test says. */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const withSecret = (): Record<string, string> => ({ ...JSON_TYPE, [CONTROL_HEADER]: running.idp.controlSecret });

/** What a control call could have changed. */
function snapshot() {
  const { state, keys } = running.idp;
  return {
    blocked: [...state.blockedClients],
    revoked: [...state.revokedJtis],
    failures: Object.fromEntries(state.failures),
    kids: keys.all().map((k) => `${k.kid}:${k.published}`),
    active: keys.activeKey().kid,
    audit: state.audit.length,
  };
}

const BLOCK = JSON.stringify({ client_id: 'gauntlet-client' });

describe('the run secret', () => {
  it('a state change without it is refused with 403 and changes nothing; with it, it changes the state', async () => {
    const before = snapshot();

    const refused = await send('POST', '/_gauntlet/block-client', JSON_TYPE, BLOCK);
    const unchanged = snapshot();
    const accepted = await send('POST', '/_gauntlet/block-client', withSecret(), BLOCK);

    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'control_secret_required' });
    expect(unchanged).toEqual(before);
    expect(accepted.status).toBe(200);
    expect(snapshot().blocked).toEqual(['gauntlet-client']);
  });

  it('a wrong secret, one character off or of another length, is refused', async () => {
    const secret = running.idp.controlSecret;
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

    const answers = await Promise.all(
      [flipped, `${secret}x`, secret.slice(1), '', secret.toUpperCase()].map((s) =>
        send('POST', '/_gauntlet/fail', { ...JSON_TYPE, [CONTROL_HEADER]: s }, '{"endpoint":"jwks","mode":"stall"}'),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    expect(running.idp.state.failure('jwks')).toBe('ok');
  });

  it('reads need it too: the journal, the state and the audit events', async () => {
    const paths = ['/_gauntlet/journal', '/_gauntlet/state', '/_gauntlet/audit'];

    const without = await Promise.all(paths.map((p) => send('GET', p, {})));
    const withIt = await Promise.all(paths.map((p) => send('GET', p, { [CONTROL_HEADER]: running.idp.controlSecret })));

    expect(without.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(withIt.map((a) => a.status)).toEqual([200, 200, 200]);
  });

  it('every control call is refused without it, keys and reset included', async () => {
    await send('POST', '/_gauntlet/revoke', withSecret(), '{"jti":"kept"}');
    const before = snapshot();
    const calls = [
      'revoke',
      'disable-subject',
      'block-client',
      'fail',
      'keys/next',
      'keys/rotate',
      'keys/activate',
      'keys/retire',
      'reset',
    ];

    const answers = await Promise.all(calls.map((c) => send('POST', `/_gauntlet/${c}`, JSON_TYPE, '{}')));

    expect(answers.map((a) => a.status)).toEqual(calls.map(() => 403));
    expect(snapshot()).toEqual(before);
  });

  it('the audit sink takes events from the API under test without it, and only JSON', async () => {
    const event = JSON.stringify({ requestId: 'r-1', code: 'TokenExpired' });

    const plain = await send('POST', '/_gauntlet/audit', { 'content-type': 'text/plain' }, event);
    const posted = await send('POST', '/_gauntlet/audit', JSON_TYPE, event);

    expect(plain.status).toBe(415);
    expect(posted.status).toBe(200);
    expect(running.idp.state.audit.map((a) => a.event)).toEqual([{ requestId: 'r-1', code: 'TokenExpired' }]);
  });

  it('is new for every IdP, and not written to the keys file', async () => {
    const keysFile = join(mkdtempSync(join(tmpdir(), 'gauntlet-keys-')), 'keys.json');
    const first = await startIdp({ keysFile, algs: ['ES256'] });
    const firstSecret = first.idp.controlSecret;
    await first.close();
    const second = await startIdp({ keysFile, algs: ['ES256'] });
    try {
      const stale = await fetch(`${second.url}/_gauntlet/state`, { headers: { [CONTROL_HEADER]: firstSecret } });
      const fresh = await fetch(`${second.url}/_gauntlet/state`, { headers: { [CONTROL_HEADER]: second.idp.controlSecret } });

      expect(second.idp.controlSecret).not.toBe(firstSecret);
      expect(second.idp.controlSecret).toMatch(/^[\w-]{43}$/);
      expect(readFileSync(keysFile, 'utf8')).not.toContain(firstSecret);
      expect(readFileSync(keysFile, 'utf8')).not.toContain(second.idp.controlSecret);
      expect(stale.status).toBe(403);
      expect(fresh.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('Host, Origin and the content type', () => {
  it('a request naming another host (DNS rebinding) is refused with 421 on every endpoint, the secret notwithstanding', async () => {
    const rebound = { host: `attacker.example:${port}` };
    const paths = ['/jwks', '/.well-known/openid-configuration', '/token', '/_gauntlet/state'];

    const refused = await Promise.all(paths.map((p) => send('GET', p, { ...rebound, [CONTROL_HEADER]: running.idp.controlSecret })));
    const change = await send('POST', '/_gauntlet/keys/rotate', { ...withSecret(), ...rebound }, '{}');
    const own = await send('GET', '/jwks', {});

    expect(refused.map((a) => a.status)).toEqual([421, 421, 421, 421]);
    expect(change.status).toBe(421);
    expect(own.status).toBe(200);
  });

  it('the loopback names with the port are its own: 127.0.0.1, localhost and [::1]', async () => {
    const answers = await Promise.all(
      ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'].map((h) => send('GET', '/jwks', { host: `${h}:${port}` })),
    );
    const otherPort = await send('GET', '/jwks', { host: `127.0.0.1:${port + 1}` });

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(otherPort.status).toBe(421);
  });

  it('an absolute-form request is judged by its own authority, not the Host header', async () => {
    const foreign = await send('GET', 'http://attacker.example/jwks', {});
    const own = await send('GET', `http://127.0.0.1:${port}/jwks`, { host: 'attacker.example' });

    expect(foreign.status).toBe(421);
    expect(own.status).toBe(200);
  });

  it('--issuer adds its host: an API that calls the IdP by a docker name is answered', async () => {
    const other = await startIdp({ algs: ['ES256'], issuer: 'http://idp.docker.test:9400' });
    try {
      const otherPort = Number(new URL(other.url).port);
      const get = (host: string) =>
        new Promise<number>((resolve, reject) =>
          httpRequest({ host: '127.0.0.1', port: otherPort, path: '/jwks', headers: { host } }, (res) =>
            resolve(res.resume().statusCode ?? 0),
          )
            .on('error', reject)
            .end(),
        );

      expect(await get('idp.docker.test:9400')).toBe(200);
      expect(await get(`127.0.0.1:${otherPort}`)).toBe(200);
      expect(await get('attacker.example:9400')).toBe(421);
    } finally {
      await other.close();
    }
  });

  it('a foreign Origin is refused with 403 and changes nothing, even with the secret; its own origin is not', async () => {
    const before = snapshot();

    const foreign = await Promise.all(
      ['http://attacker.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}.attacker.example`].map((origin) =>
        send('POST', '/_gauntlet/keys/rotate', { ...withSecret(), origin }, '{}'),
      ),
    );
    const token = await send(
      'POST',
      '/token',
      { origin: 'http://attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials',
    );
    const unchanged = snapshot();
    const own = await send('POST', '/_gauntlet/block-client', { ...withSecret(), origin: `http://127.0.0.1:${port}` }, BLOCK);

    expect(foreign.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(token.status).toBe(403);
    expect(unchanged).toEqual(before);
    expect(own.status).toBe(200);
    expect(snapshot().blocked).toEqual(['gauntlet-client']);
  });

  it('a request another site made (Sec-Fetch-Site cross-site or same-site) is refused; same-origin and none are not', async () => {
    const sites = ['cross-site', 'same-site', 'same-origin', 'none'];

    const answers = await Promise.all(sites.map((site) => send('GET', '/jwks', { 'sec-fetch-site': site })));

    expect(answers.map((a) => a.status)).toEqual([403, 403, 200, 200]);
  });

  it('a state change without the JSON content type is refused with 415 and changes nothing', async () => {
    const before = snapshot();

    const answers = await Promise.all(
      ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''].map((type) =>
        send(
          'POST',
          '/_gauntlet/block-client',
          { [CONTROL_HEADER]: running.idp.controlSecret, ...(type ? { 'content-type': type } : {}) },
          BLOCK,
        ),
      ),
    );
    const unchanged = snapshot();
    const charset = await send(
      'POST',
      '/_gauntlet/block-client',
      { ...withSecret(), 'content-type': 'Application/JSON; charset=utf-8' },
      BLOCK,
    );

    expect(answers.map((a) => a.status)).toEqual([415, 415, 415, 415]);
    expect(unchanged).toEqual(before);
    expect(charset.status).toBe(200);
    expect(snapshot().blocked).toEqual(['gauntlet-client']);
  });
});

describe('a non-loopback --host', () => {
  it('gauntlet idp --host 0.0.0.0 prints one warning line on stderr, and still refuses a foreign Host', async () => {
    const out = captureOut();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const done = idpCommand({ host: '0.0.0.0', algs: ['ES256'] }, out, stopped);
    for (let i = 0; i < 500 && out.lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    try {
      const ready = JSON.parse(out.lines[0]!) as { issuer: string; control_secret: string };
      const otherPort = Number(new URL(ready.issuer).port);
      const status = (host: string) =>
        new Promise<number>((resolve, reject) =>
          httpRequest({ host: '127.0.0.1', port: otherPort, path: '/jwks', headers: { host } }, (res) =>
            resolve(res.resume().statusCode ?? 0),
          )
            .on('error', reject)
            .end(),
        );

      expect(out.errors).toEqual([`gauntlet: ${exposureWarning('0.0.0.0', otherPort)}`]);
      expect(out.errors[0]).toMatch(/^gauntlet: warning: --host 0\.0\.0\.0 makes the mock IdP reachable from other machines/);
      expect(ready.control_secret).toMatch(/^[\w-]{43}$/);
      expect(await status(`127.0.0.1:${otherPort}`)).toBe(200);
      expect(await status(`attacker.example:${otherPort}`)).toBe(421);
    } finally {
      stop();
      await done;
    }
  });

  it('a loopback --host prints nothing on stderr', async () => {
    const out = captureOut();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const done = idpCommand({ host: '127.0.0.1', algs: ['ES256'] }, out, stopped);
    for (let i = 0; i < 500 && out.lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    await done;

    expect(out.lines).toHaveLength(1);
    expect(out.errors).toEqual([]);
    expect(exposureWarning('localhost', 1)).toBeUndefined();
    expect(exposureWarning('::1', 1)).toBeUndefined();
  });
});

describe('caps', () => {
  it('a body over the cap is 413 on every endpoint, and a control call over it changes nothing', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const answers = await Promise.all([
      send('POST', '/token', form, big),
      send('POST', '/introspect', form, big),
      send('POST', '/revoke', form, big),
      send('POST', '/_gauntlet/audit', JSON_TYPE, big),
      send('POST', '/_gauntlet/revoke', withSecret(), Buffer.concat([Buffer.from('{"jti":"'), big, Buffer.from('"}')])),
    ]);

    expect(answers.map((a) => a.status)).toEqual([413, 413, 413, 413, 413]);
    expect(running.idp.state.audit).toEqual([]);
    expect(running.idp.state.revokedJtis.size).toBe(0);
  });

  it('audit events are capped in bytes, the oldest dropped first, and a reset empties them', async () => {
    const pad = 'x'.repeat(MAX_BODY_BYTES - 100);
    const count = Math.ceil(MAX_AUDIT_BYTES / (MAX_BODY_BYTES - 80)) + 5;
    for (let i = 0; i < count; i++) {
      const answer = await send('POST', '/_gauntlet/audit', JSON_TYPE, JSON.stringify({ requestId: `r-${i}`, pad }));
      expect(answer.status).toBe(200);
    }
    const { state } = running.idp;
    const kept = state.audit.map((a) => a.event.requestId);

    expect(state.auditSize).toBeLessThanOrEqual(MAX_AUDIT_BYTES);
    expect(kept.length).toBeLessThan(count);
    expect(kept.at(-1)).toBe(`r-${count - 1}`);
    expect(kept[0]).toBe(`r-${count - kept.length}`);

    const reset = await send('POST', '/_gauntlet/reset', withSecret(), '{}');

    expect(reset.status).toBe(200);
    expect(state.audit).toEqual([]);
    expect(state.auditSize).toBe(0);
  });

  it(`audit events are capped in number (${MAX_AUDIT_EVENTS}), the oldest dropped first`, () => {
    const { state } = running.idp;
    for (let i = 0; i < MAX_AUDIT_EVENTS + 3; i++) state.addAudit({ requestId: `r-${i}` }, 20);

    expect(state.audit).toHaveLength(MAX_AUDIT_EVENTS);
    expect(state.audit[0]!.event.requestId).toBe('r-3');
  });

  it(`the control API adds at most ${MAX_CONTROL_KEYS} keys in a run`, async () => {
    const other = await startIdp({ algs: ['ES256'] });
    try {
      const call = () =>
        fetch(`${other.url}/_gauntlet/keys/next`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CONTROL_HEADER]: other.idp.controlSecret },
          body: '{}',
        });
      const before = other.idp.keys.all().length;
      const statuses: number[] = [];
      for (let i = 0; i < MAX_CONTROL_KEYS; i++) statuses.push((await call()).status);
      const over = await call();

      expect(statuses).toEqual(Array(MAX_CONTROL_KEYS).fill(200));
      expect(over.status).toBe(409);
      expect(await over.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/restart the IdP/) });
      expect(other.idp.keys.all().length).toBe(before + MAX_CONTROL_KEYS);
    } finally {
      await other.close();
    }
  });
});
