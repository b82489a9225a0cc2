/**
 * The same fuzz in process: the IdP served through msw and called with the global fetch, as an
 * in-process app calls it. Only what a fetch can send (no TRACE, no Host of its own, origin-form
 * paths); every answer keeps the rule of fuzz-cases.ts, and none may hang (msw's request bodies once
 * did: a cancelled oversized body never settled).
 */
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, problem, sequence, type Answer, type Fuzzed } from './fuzz-cases.ts';
import { MockIdp } from './idp.ts';
import { idpHandlers } from './serve.ts';

const ISSUER = 'https://idp.gauntlet.test';
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Headers a fetch may set; the rest (Host, Transfer-Encoding, Expect, Upgrade) are the transport's. */
const FETCHABLE = new Set([
  'content-type',
  'authorization',
  'x-gauntlet-control',
  'origin',
  'sec-fetch-site',
  'x-forwarded-host',
  'content-encoding',
]);
const UNFETCHABLE_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

let idp: MockIdp;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  idp = await MockIdp.create({ issuer: ISSUER, algs: ['ES256', 'EdDSA'], stallMs: 20 });
  server = setupServer(...idpHandlers(idp));
  server.listen({ onUnhandledRequest: 'error' });
});

afterAll(() => server?.close());

async function send(r: Fuzzed): Promise<Answer | { closed: string }> {
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([name]) => FETCHABLE.has(name)));
  const withBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body;
  const call = fetch(`${ISSUER}${r.path}`, { method: r.method, headers, body: withBody ? new Uint8Array(r.body!) : undefined }).then(
    async (res): Promise<Answer> => ({ status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() }),
  );
  const hang = new Promise<{ closed: string }>((resolve) => setTimeout(() => resolve({ closed: 'no answer in 5 s' }), 5000).unref());
  return Promise.race([call.catch((e: Error) => ({ closed: e.message })), hang]);
}

describe('the IdP in process (msw) under hostile input', () => {
  it(`answers ${RUNS} random request sequences with no 5xx, no exception text and no hang`, async () => {
    const { clientId, clientSecret } = idp.client;
    const slots = {
      own: 'idp.gauntlet.test',
      origin: ISSUER,
      secret: idp.controlSecret,
      basic: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    };
    await fc.assert(
      fc.asyncProperty(sequence, async (templates) => {
        try {
          for (const t of templates) {
            if (!t.path.startsWith('/') || UNFETCHABLE_METHODS.has(t.method)) continue;
            const r = fill(t, slots);
            const failureInjected = [...idp.state.failures.values()].some((m) => m !== 'ok');
            const found = problem(r, await send(r), failureInjected);
            if (found) throw new Error(`${r.method} ${r.path.slice(0, 80)} ${JSON.stringify(r.headers).slice(0, 300)} → ${found}`);
          }
        } finally {
          idp.state.reset();
        }
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${ISSUER}/jwks`)).status).toBe(200);
  });
});
