import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { startReferenceApi } from '../../mocks/targets/reference/app.ts';
import { CLIENT_ID_HEADER, FIXTURES, referenceFor } from '../../mocks/targets/reference/gauntlet.config.ts';
import { serveOnLoopback } from '../../mocks/targets/loopback.ts';
import { startJoseApi } from '../../mocks/targets/third-party/jose-api.ts';
import { resolveConfig, type UserConfig } from '../config.ts';
import type { TargetEnv } from '../core/target-env.ts';
import { run } from '../run.ts';
import { LEEWAY_SEARCH, searchBoundary } from './measure.ts';
import type { ObservedPolicy } from '../core/observed-policy.ts';

/** A run with no scenarios: the baseline, then the measurement; the report's observed policy. */
async function measure(target: UserConfig['target'], extra: UserConfig = {}): Promise<ObservedPolicy> {
  const config = await resolveConfig(
    {},
    {
      target,
      audience: 'https://api.gauntlet.test',
      endpoints: ['GET /orders'],
      idp: { algs: ['ES256', 'RS256'] },
      runs: 0,
      timeout: 2000,
      ...extra,
    },
  );
  const report = await run(config, []);
  expect(report.observedPolicy).toBeDefined();
  return report.observedPolicy!;
}

const near = (value: number | null, real: number): void => {
  expect(value).not.toBeNull();
  expect(Math.abs(value! - real), `measured ${value}, real ${real}`).toBeLessThanOrEqual(2);
};

describe('searchBoundary', () => {
  const monotone = (boundary: number) => async (x: number) => x <= boundary;

  it('finds the last accepted and the first refused value with a handful of probes', async () => {
    for (const boundary of [-1, 0, 1, 37, 299, 300, 599]) {
      const s = await searchBoundary(monotone(boundary), -1, LEEWAY_SEARCH);
      expect(s).toMatchObject({ kind: 'bounded', accepted: boundary, refused: boundary + 1 });
      expect(s.probes).toBeLessThanOrEqual(15);
    }
  });

  it('says when the range holds no boundary, either way', async () => {
    expect((await searchBoundary(async () => true, 0, 600)).kind).toBe('unbounded');
    expect((await searchBoundary(async () => false, 0, 600)).kind).toBe('refused-at-start');
  });

  it('gives no number when the answers contradict each other', async () => {
    // Accepts up to 100 the first time it is asked about a value, refuses every value asked again.
    const asked = new Set<number>();
    const fickle = async (x: number): Promise<boolean> => {
      const again = asked.has(x);
      asked.add(x);
      return !again && x <= 100;
    };
    expect((await searchBoundary(fickle, 0, 600)).kind).toBe('inconsistent');
  });
});

describe('the measured policy of the reference API (introspecting: the IdP is asked about every token)', () => {
  it.each([0, 37, 300])('finds a leeway of %i s within ±2 s for exp, nbf and iat', async (leeway) => {
    const observed = await measure(
      { start: (env) => startReferenceApi(referenceFor(env, { leeway, algorithms: ['ES256', 'PS256'] })) },
      { clientIdHeader: CLIENT_ID_HEADER, fixtures: FIXTURES },
    );
    near(observed.expLeeway, leeway);
    near(observed.nbfLeeway, leeway);
    near(observed.iatLeeway, leeway);
    near(observed.maxLifetime, 7200);
    // Loaded ES256 and RS256; the API allows ES256 and PS256.
    expect(observed.algorithms).toEqual(['ES256']);
    expect(observed.typ).toEqual(['at+jwt', 'application/at+jwt']);
    expect(observed.introspection).toBe(true);
    expect(observed.how.expLeeway).toMatch(/^exp = now − d: accepted at d = -?\d+ s, refused from d = \d+ s \(binary search/);
    expect(observed.endpoint).toBe('GET /orders');
    expect(observed.probes).toBeLessThan(100);
  });

  it('measures a maximum lifetime other than the default, and leaves the IdP as it found it', async () => {
    let env: TargetEnv | undefined;
    const observed = await measure(
      {
        start: (e) => {
          env = e;
          return startReferenceApi(referenceFor(e, { maxLifetime: 86_400, introspection: undefined }));
        },
      },
      { clientIdHeader: CLIENT_ID_HEADER, fixtures: FIXTURES },
    );
    expect(env).toBeDefined();
    near(observed.maxLifetime, 86_400);
    expect(observed.introspection).toBe(false);
    expect(observed.how.introspection).toMatch(/^no introspection request reached the IdP/);
  });
});

describe('the measured policy of a jose jwtVerify API (validates locally)', () => {
  it.each([0, 37, 300])(
    'finds clockTolerance %i s within ±2 s; iat and lifetime unbounded, as jose leaves them by default',
    async (clockTolerance) => {
      const observed = await measure({ start: (env) => startJoseApi(env, { clockTolerance, algorithms: ['ES256'] }) });
      near(observed.expLeeway, clockTolerance);
      near(observed.nbfLeeway, clockTolerance);
      expect(observed.iatLeeway).toBeNull();
      expect(observed.how.iatLeeway).toMatch(/still accepted at the end of the search/);
      expect(observed.maxLifetime).toBeNull();
      expect(observed.unbounded).toEqual(['iatLeeway', 'maxLifetime']);
      expect(observed.algorithms).toEqual(['ES256']);
      expect(observed.typ).toEqual(['at+jwt', 'application/at+jwt', 'JWT', 'none']);
      expect(observed.introspection).toBe(false);
    },
  );

  it("with typ and maxTokenAge set, finds jose's typ check and its iat tolerance", async () => {
    const observed = await measure(
      { start: (env) => startJoseApi(env, { clockTolerance: 20, typ: 'at+jwt', maxTokenAge: 3600 }) },
      { idp: { algs: ['ES256'] } },
    );
    near(observed.iatLeeway, 20);
    expect(observed.typ).toEqual(['at+jwt', 'application/at+jwt']);
  });
});

/** jose with clockTolerance 37, refusing in a hostile way: alternately a reset connection and a 500. */
function hostileApi(env: TargetEnv) {
  const jwks = createRemoteJWKSet(new URL(env.jwksUri));
  let n = 0;
  return serveOnLoopback((req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    jwtVerify(token, jwks, { issuer: env.issuer, audience: env.audience, clockTolerance: 37 }).then(
      () => res.writeHead(200).end('ok'),
      () => (n++ % 2 ? req.socket.destroy() : res.writeHead(500).end('boom')),
    );
  });
}

describe('measuring an API that answers anything', () => {
  it('takes a reset and a 500 as a refusal like any other, and still finds the leeway', async () => {
    const observed = await measure({ start: hostileApi });
    near(observed.expLeeway, 37);
    near(observed.nbfLeeway, 37);
  });

  it('gives up with a reason, not a number, when the API stops accepting after the baseline', async () => {
    const observed = await measure({
      start: async (env) => {
        let accepted = 0;
        const jwks = createRemoteJWKSet(new URL(env.jwksUri));
        return serveOnLoopback((req, res) => {
          const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
          jwtVerify(token, jwks, { issuer: env.issuer, audience: env.audience }).then(
            () => (accepted++ === 0 ? res.writeHead(200).end('ok') : res.writeHead(503).end('down')),
            () => res.writeHead(401).end(),
          );
        });
      },
    });
    expect(observed.expLeeway).toBeNull();
    expect(observed.algorithms).toBeNull();
    expect(observed.how.expLeeway).toBe('not measured: the baseline token was not accepted when the measurement began (answered 503)');
  });

  it('stops after a few probes without an answer in time, instead of a timeout per probe', async () => {
    const observed = await measure(
      {
        start: async () => {
          let first = true;
          return serveOnLoopback((_req, res) => {
            if (first) res.writeHead(200).end('ok');
            first = false;
            // Every later request is held until the harness gives up on it.
          });
        },
      },
      { timeout: 200 },
    );
    expect(observed.expLeeway).toBeNull();
    expect(observed.typ).toBeNull();
    expect(observed.probes).toBeLessThanOrEqual(3);
    expect(observed.how.expLeeway).toMatch(/no answer within 200 ms/);
  });
});
