/**
 * Cross-site requests in real headless Chromium (playwright-core drives the system browser; nothing
 * is downloaded): a page on another origin that even knows the run's control secret fires what a web
 * page can (no-cors text/plain fetches, a text/plain and an urlencoded form, a beacon, an image, a
 * CORS fetch with the secret header) at the IdP, and the IdP's state does not move. The same page
 * through a proxy that strips what the browser adds (Origin, Sec-Fetch-*) and sets what a page cannot
 * (the secret, the JSON type) does change it: the attacks are real, the guard is what stops them.
 * CI installs Chromium with `apt-get install -y chromium`; without it the suite fails under CI=1 and
 * is skipped, with a message, elsewhere.
 */
import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_HEADER } from './secret.ts';
import { startIdp, type RunningIdp } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const present = existsSync(CHROMIUM);
const required = Boolean(process.env.CI);

if (!present && !required) {
  console.warn(
    `mocks/idp/csrf.browser.test.ts: skipped, ${CHROMIUM} is missing; install it with "apt-get update && apt-get install -y chromium" (under CI=1 this suite fails instead)`,
  );
}

interface Listening {
  server: Server;
  url: string;
}

async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(l: Listening | undefined): Promise<void> {
  if (!l) return;
  l.server.closeAllConnections();
  await new Promise((r) => l.server.close(r));
}

/** What a hostile page does, given the IdP's URL, the run's secret and a token to revoke. */
function attackPage(target: string, secret: string, clientId: string, clientSecret: string, token: string): string {
  const script = `
    const IDP = ${JSON.stringify(target)};
    const outcomes = [];
    const note = (name, p) => p.then((r) => outcomes.push(name + ': ' + (r && r.type)), (e) => outcomes.push(name + ': ' + e.name));
    const plain = (path, body) => fetch(IDP + path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body });
    function submit(enctype, path, fields) {
      return new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = 'sink-' + Math.random().toString(36).slice(2);
        frame.onload = () => resolve();
        document.body.append(frame);
        const form = document.createElement('form');
        form.method = 'POST';
        form.enctype = enctype;
        form.action = IDP + path;
        form.target = frame.name;
        for (const [name, value] of fields) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      });
    }
    (async () => {
      await note('reset', plain('/_gauntlet/reset', '{}'));
      // Before the client is blocked below, or the proxied run could not revoke with its credentials.
      await submit('application/x-www-form-urlencoded', '/revoke', [
        ['token', ${JSON.stringify(token)}], ['client_id', ${JSON.stringify(clientId)}], ['client_secret', ${JSON.stringify(clientSecret)}],
      ]);
      await note('rotate', plain('/_gauntlet/keys/rotate', '{"alg":"ES256"}'));
      await note('stall jwks', plain('/_gauntlet/fail', '{"endpoint":"jwks","mode":"stall"}'));
      await note('block client', plain('/_gauntlet/block-client', JSON.stringify({ client_id: ${JSON.stringify(clientId)} })));
      await note('audit', plain('/_gauntlet/audit', '{"requestId":"csrf","code":"Forged"}'));
      await note('cors with the secret', fetch(IDP + '/_gauntlet/disable-subject', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ${JSON.stringify(CONTROL_HEADER)}: ${JSON.stringify(secret)} },
        body: '{"sub":"gauntlet-user"}',
      }));
      // enctype text/plain sends name=value: the name carries the JSON, the value closes it.
      await submit('text/plain', '/_gauntlet/revoke', [['{"jti":"csrf-form","x":"', '"}']]);
      navigator.sendBeacon(IDP + '/_gauntlet/audit', new Blob(['{"requestId":"beacon","code":"Forged"}'], { type: 'text/plain' }));
      await new Promise((resolve) => {
        const img = new Image();
        img.onload = img.onerror = resolve;
        img.src = IDP + '/_gauntlet/attacker/jku-from-a-page';
      });
      window.outcomes = outcomes;
      window.done = true;
    })();
  `;
  return `<!doctype html><html><head><meta charset="utf-8"><title>not the IdP</title></head><body><script>${script}</script></body></html>`;
}

/**
 * Forwards to the IdP, adding to control calls the secret and the JSON type a page cannot set; with
 * `stripOrigin`, also removing the headers the browser adds (Origin, Referer, Sec-Fetch-*). Stripped,
 * it is the positive control: what an IdP without the Origin guard would let through.
 */
function secretAddingProxy(idpUrl: string, secret: string, stripOrigin: boolean): Server {
  const idp = new URL(idpUrl);
  return createServer((req, res) => {
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: idp.host };
    if (stripOrigin)
      for (const name of Object.keys(headers))
        if (name === 'origin' || name === 'referer' || name.startsWith('sec-fetch-')) delete headers[name];
    if ((req.url ?? '').startsWith('/_gauntlet/') && req.method === 'POST') {
      headers['content-type'] = 'application/json';
      headers[CONTROL_HEADER] = secret;
    }
    const upstream = httpRequest({ host: idp.hostname, port: idp.port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
}

describe.skipIf(!present && !required)('a cross-site page against the IdP, in headless Chromium', () => {
  let browser: Browser;
  let running: RunningIdp;
  let attacker: Listening;
  let proxy: Listening;
  let withOrigin: Listening;
  let page = '';

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing; CI must run "apt-get update && apt-get install -y chromium" before the tests`);
    running = await startIdp({ algs: ['ES256'], stallMs: 50 });
    proxy = await listen(secretAddingProxy(running.url, running.idp.controlSecret, true));
    withOrigin = await listen(secretAddingProxy(running.url, running.idp.controlSecret, false));
    // Another origin on the same machine (same site, another port): the page's scripts run there.
    attacker = await listen(createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterEach(() => running?.idp.state.reset());

  afterAll(async () => {
    await browser?.close();
    await close(attacker);
    await close(proxy);
    await close(withOrigin);
    await running?.close();
  });

  /** The IdP state a page could have changed: keys, failures, lists, audit events, journal. */
  function snapshot() {
    const { state, keys } = running.idp;
    return {
      kids: keys.all().map((k) => `${k.kid}:${k.published}`),
      active: keys.activeKey().kid,
      failures: Object.fromEntries(state.failures),
      blocked: [...state.blockedClients],
      disabled: [...state.disabledSubjects],
      revoked: [...state.revokedJtis].sort(),
      audit: state.audit.map((a) => a.event),
      fromTheBrowser: state.journal.filter((e) => /Chrome/.test(e.userAgent ?? '')).map((e) => `${e.method} ${e.path}`),
    };
  }

  /** Open the attack page aimed at `target`; resolve once every request the browser made has its answer. */
  async function attack(target: string, token: string): Promise<string[]> {
    const { clientId, clientSecret } = running.idp.client;
    page = attackPage(target, running.idp.controlSecret, clientId, clientSecret, token);
    const tab = await browser.newPage();
    const pending = new Set<unknown>();
    const settled: Array<Promise<void>> = [];
    tab.on('request', (r) => {
      if (!r.url().startsWith(target)) return;
      pending.add(r);
      settled.push(
        new Promise<void>((resolve) => {
          const done = (x: unknown) => x === r && (pending.delete(r), resolve());
          tab.on('requestfinished', done);
          tab.on('requestfailed', done);
        }),
      );
    });
    await tab.goto(attacker.url, { waitUntil: 'load' });
    await tab.waitForFunction('window.done === true', undefined, { timeout: 15_000 });
    // The beacon is fire-and-forget: wait for the browser to see its answer too.
    await expect.poll(() => settled.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(10);
    await Promise.all(settled);
    const outcomes = (await tab.evaluate('window.outcomes')) as string[];
    await tab.close();
    return outcomes;
  }

  it('changes nothing: no key rotated, no failure injected, no client blocked, no token revoked, no audit event, not even a journal line', async () => {
    const { token, claims } = await running.idp.minter.baseline();
    running.idp.state.revokedJtis.add('revoked-before-the-page');
    const before = snapshot();

    const outcomes = await attack(running.url, token);

    expect(outcomes).toEqual([
      'reset: opaque',
      'rotate: opaque',
      'stall jwks: opaque',
      'block client: opaque',
      'audit: opaque',
      'cors with the secret: TypeError',
    ]);
    expect(snapshot()).toEqual(before);
    expect(running.idp.state.revokedJtis.has(String(claims.jti))).toBe(false);
    expect((await fetch(running.idp.jwksUri)).status).toBe(200);
  });

  it('changes nothing even when the secret and the JSON type are added on the way: the Origin alone stops the page', async () => {
    const { token, claims } = await running.idp.minter.baseline();
    const before = snapshot();

    await attack(withOrigin.url, token);

    expect(snapshot()).toEqual(before);
    expect(running.idp.state.revokedJtis.has(String(claims.jti))).toBe(false);
  });

  it('through a proxy that also strips the origin headers, the same page does change the state (the attacks are real)', async () => {
    const { token, claims } = await running.idp.minter.baseline();
    const before = snapshot();

    await attack(proxy.url, token);
    const after = snapshot();

    expect(after.active).not.toBe(before.active);
    expect(after.failures).toEqual({ jwks: 'stall' });
    expect(after.blocked).toEqual([running.idp.client.clientId]);
    expect(after.revoked).toEqual(['csrf-form', String(claims.jti)].sort());
    expect(after.audit).toEqual(
      expect.arrayContaining([
        { requestId: 'csrf', code: 'Forged' },
        { requestId: 'beacon', code: 'Forged' },
      ]),
    );
    expect(after.fromTheBrowser).toContain('GET /_gauntlet/attacker/jku-from-a-page');
  });
});
