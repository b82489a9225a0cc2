/**
 * Part 1: our mock IdP and the peer (oauth2-mock-server) under 100 concurrent autocannon clients on
 * their JWKS, token (client_credentials) and introspection endpoints. Each server runs in its own
 * process; for each endpoint both start fresh, get a 1 s warm-up, then alternate (ABBA) bounded rounds.
 */
import { startServer, type ServerProcess } from './children.ts';
import { cannon, type LoadRound, type LoadSpec } from './load.ts';
import { aFirst, bench } from './stats.ts';
import type { Memory } from './server-child.ts';

export type IdpEndpoint = 'jwks' | 'token' | 'introspect';
export const IDP_ENDPOINTS: IdpEndpoint[] = ['jwks', 'token', 'introspect'];
export const CONNECTIONS = 100;

export interface SideResult {
  /** Size of one answer's body, bytes. */
  bodyBytes: number;
  rounds: LoadRound[];
  before: Memory;
  after: Memory;
}

export interface EndpointResult {
  endpoint: IdpEndpoint;
  ours: SideResult;
  peer: SideResult;
}

/** The same request to either server; our IdP checks the client, the peer takes any. */
function spec(server: ServerProcess, endpoint: IdpEndpoint, seconds: number): LoadSpec {
  const base = { connections: CONNECTIONS, seconds };
  if (endpoint === 'jwks') return { ...base, url: `${server.url}/jwks` };
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(server.clientId)}:${encodeURIComponent(server.clientSecret)}`).toString('base64')}`,
  };
  const body = endpoint === 'token' ? 'grant_type=client_credentials' : new URLSearchParams({ token: server.accessToken }).toString();
  return { ...base, url: `${server.url}/${endpoint}`, method: 'POST', headers, body };
}

/** One request by hand first: a wrong setup must fail loudly, not show up as 100% non-2xx. */
async function check(server: ServerProcess, endpoint: IdpEndpoint): Promise<number> {
  const s = spec(server, endpoint, 0);
  const res = await fetch(s.url, { method: s.method ?? 'GET', headers: s.headers, body: s.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${server.kind} ${endpoint}: ${res.status} ${text.slice(0, 200)}`);
  if (endpoint === 'introspect' && !/"active":true/.test(text)) throw new Error(`${server.kind} introspect: ${text.slice(0, 200)}`);
  return Buffer.byteLength(text);
}

export async function idpLoad(log: (line: string) => void): Promise<EndpointResult[]> {
  const { rounds, seconds } = bench();
  const results: EndpointResult[] = [];
  for (const endpoint of IDP_ENDPOINTS) {
    const ours = await startServer('ours-idp');
    const peer = await startServer('peer-idp');
    try {
      const side = async (s: ServerProcess): Promise<SideResult> => {
        const bodyBytes = await check(s, endpoint);
        const before = await s.memory();
        return { bodyBytes, rounds: [], before, after: before };
      };
      const o = await side(ours);
      const p = await side(peer);
      await cannon(spec(ours, endpoint, 1));
      await cannon(spec(peer, endpoint, 1));
      for (let i = 0; i < rounds; i++) {
        const order: Array<[ServerProcess, SideResult]> = aFirst(i)
          ? [
              [ours, o],
              [peer, p],
            ]
          : [
              [peer, p],
              [ours, o],
            ];
        for (const [server, result] of order) {
          const r = await cannon(spec(server, endpoint, seconds));
          result.rounds.push(r);
          log(
            `  ${endpoint} round ${i + 1} ${server.kind.padEnd(8)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99Ms} ms  errors ${r.errors}  non-2xx ${r.non2xx}`,
          );
        }
      }
      o.after = await ours.memory();
      p.after = await peer.memory();
      results.push({ endpoint, ours: o, peer: p });
    } finally {
      await ours.stop();
      await peer.stop();
    }
  }
  return results;
}
