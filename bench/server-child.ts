/**
 * One server under test, in its own process so that the load generator (autocannon, the harness) does
 * not share its event loop: `node --import tsx bench/server-child.ts ours-idp|peer-idp|reference`.
 * It sends a Served message over IPC when listening, answers 'rss' with its memory, and exits on 'stop'.
 */
import { OAuth2Server } from 'oauth2-mock-server';
import { startIdp } from '../mocks/idp/serve.ts';
import { startReferenceApi } from '../mocks/targets/reference/app.ts';

export type ServerKind = 'ours-idp' | 'peer-idp' | 'reference';

export interface Served {
  url: string;
  /** A valid access token from this server (for introspection, or to call the reference API). */
  accessToken: string;
  /** The client the token and introspection endpoints take (ours checks it; the peer takes anyone). */
  clientId: string;
  clientSecret: string;
}

export interface Memory {
  rss: number;
  /** Peak resident set size so far, bytes. */
  maxRss: number;
}

async function serve(kind: ServerKind): Promise<{ served: Served; close(): Promise<void> }> {
  if (kind === 'peer-idp') {
    const server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    const url = server.issuer.url!;
    return {
      served: { url, accessToken: await server.issuer.buildToken(), clientId: 'bench', clientSecret: 'bench' },
      close: () => server.stop(),
    };
  }
  const idp = await startIdp({});
  const token = (await idp.idp.minter.baseline()).token;
  const client = idp.idp.client;
  if (kind === 'ours-idp') {
    return {
      served: { url: idp.url, accessToken: token, clientId: client.clientId, clientSecret: client.clientSecret },
      close: () => idp.close(),
    };
  }
  const api = await startReferenceApi({ issuer: idp.idp.issuer, audience: idp.idp.minter.shape.audience });
  return {
    served: { url: api.url, accessToken: token, clientId: client.clientId, clientSecret: client.clientSecret },
    close: async () => {
      await api.close();
      await idp.close();
    },
  };
}

const kind = process.argv[2] as ServerKind;
const running = await serve(kind);
process.on('message', (msg) => {
  if (msg === 'rss') {
    const memory: Memory = { rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 };
    process.send!(memory);
  } else if (msg === 'stop') {
    void running.close().then(() => process.exit(0));
  }
});
process.send!(running.served);
