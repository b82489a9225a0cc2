/**
 * How a run ends when the target is not the friendly kind, on real servers over real ports: a baseline
 * refused for a reason the harness can name, a baseline refused by an API that still takes a forgery,
 * a target that dies mid-run, and a stock Node server that answers a 64 KB header with 431 and a reset.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, exportSPKI, importJWK, jwtVerify, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../mocks/targets/loopback.ts';
import { main } from './cli.ts';
import { captureOut } from './cli/out.ts';
import type { Report } from './report.ts';

const AUDIENCE = 'https://orders.gauntlet.test';

type Verify = (token: string) => Promise<unknown>;

/** A plain node:http API (stock settings: 16 KB headers, no error handler of its own) guarding GET /orders. */
async function api(verify: Verify, onRequest: (server: Server) => void = () => {}): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    onRequest(server);
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Error('no token');
      await verify(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } catch {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** One run; the IdP keeps its keys per port across runs (`--keys`), as a user's would, so a cached JWKS stays good. */
async function gauntlet(url: string, idpPort: number, extra: string[] = []) {
  const out = captureOut();
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-stops-'));
  const keys = join(tmpdir(), `gauntlet-stops-keys-${idpPort}.json`);
  const code = await main(['run', '--target', url, '--idp-port', String(idpPort), '--keys', keys, '--audience', AUDIENCE, '--endpoint', 'GET /orders', '--runs', '0', '--out', dir, ...extra], out);
  const report = (): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { code, out, report };
}

describe('a refused baseline', () => {
  it('names the typ the API accepts and the flag that selects it', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    // jose's own typ check, set the way many APIs set it: typ JWT only, so RFC 9068's at+jwt is refused.
    const { url, server } = await api((t) => jwtVerify(t, jwks, { issuer, audience: AUDIENCE, typ: 'JWT' }));
    servers.push(server);
    const refused = await gauntlet(url, port);
    expect(refused.code).toBe(2);
    expect(refused.out.errors).toEqual([
      expect.stringMatching(/^gauntlet: baseline rejected: GET \/orders answered 401 .* with typ at\+jwt, and accepts the same token with typ JWT: run with --typ JWT$/),
    ]);
    expect(refused.report()).toMatchObject({ partial: true, baseline: { accepted: false }, stop: { cause: 'baseline-refused' } });
    const fixed = await gauntlet(url, port, ['--typ', 'JWT']);
    expect(fixed.out.errors).toEqual([]);
    expect(fixed.report()).toMatchObject({ partial: false, baseline: { accepted: true, typ: 'JWT' }, stop: null });
  });

  it('still judges the forgeries that need no baseline: an HS256 token keyed with the public key PEM is critical, exit 1', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    // Configured with the IdP's public key as an HS256 "secret": every RS256 token is refused, the forgery taken.
    const { url, server } = await api(async (t) => {
      const kid = JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()).kid as string;
      const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: JWK[] };
      const jwk = keys.find((k) => k.kid === kid);
      if (!jwk) throw new Error('unknown kid');
      const pem = await exportSPKI((await importJWK(jwk, jwk.alg, { extractable: true })) as CryptoKey);
      return jwtVerify(t, new TextEncoder().encode(pem), { algorithms: ['HS256'], issuer, audience: AUDIENCE });
    });
    servers.push(server);
    const { code, out, report } = await gauntlet(url, port);
    expect(out.errors).toEqual([expect.stringMatching(/^gauntlet: baseline rejected: GET \/orders answered 401 .*configure the target to trust issuer/)]);
    expect(code).toBe(1);
    const failed = report().results.filter((r) => r.verdict === 'fail').map((r) => `${r.scenario} ${r.severity}`);
    expect(failed).toEqual(['alg-confusion critical']);
    // Every judged row says so; a skipped row (a scenario that needs a DPoP or resource config) was not judged.
    const judged = report().results.filter((r) => r.verdict !== 'skip');
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter((r) => !r.notes?.some((n) => n.startsWith('the baseline was refused'))).map((r) => `${r.scenario} ${r.verdict}`)).toEqual([]);
  });
});

describe('a target that goes away mid-run', () => {
  it('leaves valid partial reports of what was judged and exits 2 naming it', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    let seen = 0;
    const { url } = await api(
      (t) => jwtVerify(t, jwks, { issuer, audience: AUDIENCE }),
      // The 120th request is its last (after the policy measurement and some scenarios): the server stops listening and drops every connection.
      (s) => {
        if (++seen === 120) {
          s.close();
          s.closeAllConnections();
        }
      },
    );
    const { code, out, report } = await gauntlet(url, port);
    expect(code).toBe(2);
    expect(out.errors).toEqual([expect.stringMatching(/^gauntlet: the target went away mid-run: cannot reach the target at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)]);
    const r = report();
    expect(r).toMatchObject({ partial: true, stop: { cause: 'target-lost' }, baseline: { accepted: true } });
    expect(r.results.length).toBeGreaterThan(5);
  });
});

describe('a stock Node server refusing a 64 KB header with 431 and a close', () => {
  it('passes the exhaustion scenarios in 10 runs out of 10, whether the 431 is read or the reset comes first', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { url, server } = await api((t) => jwtVerify(t, jwks, { issuer, audience: AUDIENCE }));
    servers.push(server);
    const verdicts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { code, report } = await gauntlet(url, port, ['--only', 'oversized,many-dots']);
      expect(code).toBe(0);
      verdicts.push(report().results.map((r) => `${r.scenario} ${r.verdict}`).join(', '));
    }
    expect(new Set(verdicts)).toEqual(new Set(['many-dots pass, oversized pass']));
  }, 60_000);
});
