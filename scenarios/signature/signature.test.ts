import { importJWK, type JWK } from 'jose';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.ts';
import { MockIdp } from '../../mocks/idp/idp.ts';
import { signParams } from '../../mocks/idp/jws.ts';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import { referenceSteps, skip, type Step } from '../../mocks/targets/reference/steps.ts';
import { rfc6750 } from '../profiles/rfc6750.ts';
import type { ScenarioContext } from '../define.ts';
import type { ProbeSpec } from '../../harness/core/probe-spec.ts';
import type { ForgedToken } from '../../mocks/idp/mint.ts';
import { fetchJwks, failures, flawed, onBothEndpoints, runInProcess, runOverUrl, useJwk } from '../../test-support/run-signature.ts';
import retiredKey from './retired-key.ts';
import rotatedKey from './rotated-key.ts';
// Keys only from the configured JWKS, but the URL a token names is fetched in the background, 50 ms after the answer.
import { resolveKey as fetchesKeyUrlsAfterAnswering } from '../../mocks/targets/flawed/jku-fetched-late.ts';

const NEW_IDS = ['sig-stripped', 'rotated-key', 'retired-key', 'jwk-embedded', 'jku-x5u', 'kid-injection', 'psychic-sig', 'crit-unknown'];

// ---- flawed key handling, each standing in for one real-world mistake ---------------------------------

/** CVE-2020-28042: the signature is checked only when there is one. */
const verifiesOnlyPresentSignatures: Step = (ctx) => (ctx.token?.endsWith('.') ? undefined : referenceSteps.verifySignature(ctx));

/** CVE-2022-21449 (Java 15-18): r and s are not checked to lie in [1, n-1], so r = s = 0 verifies any input. */
const ecdsaWithoutRangeCheck: Step = (ctx) => {
  const signature = Buffer.from(ctx.token?.split('.')[2] ?? '', 'base64url');
  if (ctx.header?.alg === 'ES256' && signature.length === 64 && signature.every((b) => b === 0)) return undefined;
  return referenceSteps.verifySignature(ctx);
};

/** A hand-rolled JWS check (Web Crypto over the signing input): sound, except that it never looks at crit. */
const verifiesIgnoringCrit: Step = async (ctx) => {
  const [h = '', p = '', sig = ''] = ctx.token?.split('.') ?? [];
  const params = signParams(String(ctx.header?.alg)) as AlgorithmIdentifier;
  const ok =
    ctx.key && (await webcrypto.subtle.verify(params, ctx.key, Buffer.from(sig, 'base64url'), new TextEncoder().encode(`${h}.${p}`)));
  if (!ok) return invalidToken('InvalidSignature');
};

/** Source document 000's API: the JWKS is read once, at the first request, and never again. */
function keysPinnedAtStartup(): Step {
  let pinned: Promise<JWK[]> | undefined;
  return async (ctx) => {
    pinned ??= fetchJwks(ctx.options.jwksUri);
    return useJwk(
      ctx,
      (await pinned).find((k) => k.kid === ctx.header?.kid),
    );
  };
}

/** A cache that adds what each JWKS fetch brings and never drops a key the IdP removed. */
function keysNeverForgotten(): Step {
  const seen = new Map<string, JWK>();
  return async (ctx) => {
    for (const k of await fetchJwks(ctx.options.jwksUri)) if (k.kid) seen.set(k.kid, k);
    return useJwk(ctx, seen.get(String(ctx.header?.kid)));
  };
}

/** CVE-2018-0114: a public key in the token header is used as given. */
const trustsEmbeddedJwk: Step = async (ctx) => {
  const jwk = ctx.header?.jwk;
  if (typeof jwk !== 'object' || jwk === null) return referenceSteps.resolveKey(ctx);
  ctx.key = (await importJWK(jwk as JWK, String(ctx.header?.alg))) as CryptoKey;
};

/** Keys come from whatever URL the token names. */
const followsKeyUrls: Step = async (ctx) => {
  const url = ctx.header?.jku ?? ctx.header?.x5u;
  if (typeof url !== 'string') return referenceSteps.resolveKey(ctx);
  const keys = await fetchJwks(url).catch(() => []);
  return useJwk(
    ctx,
    keys.find((k) => k.kid === ctx.header?.kid),
  );
};

/** `WHERE kid = '<kid>'` built by concatenation: `' OR '1'='1` matches every row, and the first row is used. */
const keyBySqlConcatenation: Step = async (ctx) => {
  const kid = String(ctx.header?.kid);
  const rows = await fetchJwks(ctx.options.jwksUri);
  const where = `kid = '${kid}'`;
  const matched = /'\s*OR\s*'1'\s*=\s*'1'/i.test(where) ? rows : rows.filter((r) => r.kid === kid);
  return useJwk(ctx, matched[0]);
};

/** A kid column of VARCHAR(255): a longer kid makes the lookup throw, and the API answers 500. */
const keyColumnTooShort: Step = (ctx) => {
  if (String(ctx.header?.kid).length > 255) throw new Error('value too long for type character varying(255)');
  return referenceSteps.resolveKey(ctx);
};

/** A key lookup that throws on any kid missing from the JWKS (a `find(...)!` dereference): every unknown kid gets a 500. */
const anyUnknownKidCrashes: Step = async (ctx) => {
  const key = (await fetchJwks(ctx.options.jwksUri)).find((k) => k.kid === ctx.header?.kid);
  if (!key) throw new TypeError("Cannot read properties of undefined (reading 'kty')");
  return useJwk(ctx, key);
};
/** Stands in for a lookup through a shell that runs `$(sleep 5)`; it waits just past the 2 s limit to keep the test short. */
const keyLookupThroughShell: Step = async (ctx) => {
  if (String(ctx.header?.kid).includes('$(sleep')) await new Promise((resolve) => setTimeout(resolve, 2100));
  return referenceSteps.resolveKey(ctx);
};

// ---- the tests --------------------------------------------------------------------------------------

describe('the signature scenarios against the reference API', () => {
  it('pass over a URL and in process with the same verdicts', async () => {
    const overUrl = await runOverUrl();
    const inProcess = await runInProcess();
    expect(failures(overUrl)).toEqual([]);
    expect(failures(inProcess)).toEqual([]);
    const verdicts = (r: typeof overUrl) => r.results.map((x) => `${x.scenario} ${x.endpoint} ${x.verdict}`);
    expect(verdicts(inProcess)).toEqual(verdicts(overUrl));
    for (const id of NEW_IDS) expect(overUrl.results.filter((r) => r.scenario === id && r.verdict === 'pass')).toHaveLength(2);
  }, 120_000);

  it('get the audit codes the catalogue names from the reference API', async () => {
    const report = await runInProcess(undefined, { profile: { ...rfc6750, name: 'rfc6750+audit', useScenarioAuditCodes: true } });
    expect(failures(report)).toEqual([]);
    const codes = Object.fromEntries(
      report.results.filter((r) => r.endpoint === 'GET /orders').map((r) => [r.scenario, r.observed?.auditCode]),
    );
    expect(codes).toMatchObject({ 'sig-stripped': 'InvalidSignature', 'retired-key': 'MissingKey', 'psychic-sig': 'InvalidSignature' });
  }, 120_000);

  it('skip psychic-sig with a reason when ES256 is not loaded, and still judge retired-key with one algorithm', async () => {
    const report = await runInProcess(undefined, { idp: { algs: ['RS256'] } }, ['psychic-sig', 'retired-key']);
    const psychic = report.results.filter((r) => r.scenario === 'psychic-sig');
    expect(psychic.map((r) => r.verdict)).toEqual(['skip', 'skip']);
    expect(psychic[0]!.skipReason).toMatch(/ES256 is not loaded/);
    expect(failures(report)).toEqual([]);
  });
});

describe('a flawed reference API fails exactly the scenario aimed at its flaw', () => {
  it('sig-stripped, critical, when the signature is checked only if present', async () => {
    const report = await runInProcess(flawed(() => ({ verifySignature: verifiesOnlyPresentSignatures })));
    expect(failures(report)).toEqual(onBothEndpoints('sig-stripped', 'critical'));
  });

  it('rotated-key (major) and retired-key (critical) when the JWKS is read once at startup', async () => {
    const report = await runInProcess(flawed(() => ({ resolveKey: keysPinnedAtStartup() })));
    expect(failures(report)).toEqual([...onBothEndpoints('retired-key', 'critical'), ...onBothEndpoints('rotated-key', 'major')].sort());
    const rotated = report.results.find((r) => r.scenario === 'rotated-key')!;
    expect(rotated.failures[0]).toMatch(/expected the request to be accepted \(2xx\), got 401/);
  });

  it('retired-key, critical, when the key cache never drops a key', async () => {
    const report = await runInProcess(flawed(() => ({ resolveKey: keysNeverForgotten() })));
    expect(failures(report)).toEqual(onBothEndpoints('retired-key', 'critical'));
    expect(report.results.find((r) => r.scenario === 'retired-key')!.failures).toEqual([
      expect.stringMatching(/^\[retired key\] accepted a token it must reject/),
    ]);
  });

  it('jwk-embedded, critical, when a key in the token header is trusted', async () => {
    const report = await runInProcess(flawed(() => ({ resolveKey: trustsEmbeddedJwk })));
    expect(failures(report)).toEqual(onBothEndpoints('jwk-embedded', 'critical'));
  });

  it('jku-x5u, critical, when the API fetches the URL the token names, although it answers 401', async () => {
    const report = await runOverUrl(flawed(() => ({ resolveKey: followsKeyUrls })));
    expect(failures(report)).toEqual(onBothEndpoints('jku-x5u', 'critical'));
    const row = report.results.find((r) => r.scenario === 'jku-x5u')!;
    expect(row.observed?.status).toBe(401);
    expect(row.failures).toEqual([
      expect.stringMatching(
        /^\[jku header\] the target fetched the jku URL the token named \(GET \/_gauntlet\/attacker\/jku-[^)]*\): .*CWE-918/,
      ),
      expect.stringMatching(/^\[x5u header\] the target fetched the x5u URL the token named \([^)]*\): .*CWE-918/),
      expect.stringMatching(
        /^\[jku header starting with the JWKS URL\] the target fetched the jku URL the token named \(GET \/_gauntlet\/attacker\/jku-[^)]*\): .*CWE-918/,
      ),
      expect.stringMatching(
        /^\[x5u header starting with the JWKS URL\] the target fetched the x5u URL the token named \([^)]*\): .*CWE-918/,
      ),
    ]);
  });

  it('jku-x5u, critical, when the API fetches the URL only after answering: each fetch reported once, by the last probe, naming its own', async () => {
    const report = await runOverUrl(flawed(() => ({ resolveKey: fetchesKeyUrlsAfterAnswering })));
    expect(failures(report)).toEqual(onBothEndpoints('jku-x5u', 'critical'));
    const last = '[x5u header starting with the JWKS URL] the target fetched the';
    for (const row of report.results.filter((r) => r.scenario === 'jku-x5u')) {
      expect(row.observed?.status).toBe(401);
      expect(row.failures).toEqual([
        ...['jku header', 'x5u header', 'jku header starting with the JWKS URL'].map((probe) =>
          expect.stringMatching(
            new RegExp(
              `^\\[x5u header starting with the JWKS URL\\] the target fetched the ${probe.slice(0, 3)} URL the token named \\(GET /_gauntlet/attacker/${probe.slice(0, 3)}-[0-9a-f-]+\\) for the "${probe}" probe, after that probe was answered: .*CWE-918\\)$`,
            ),
          ),
        ),
        expect.stringMatching(
          /^\[x5u header starting with the JWKS URL\] the target fetched the x5u URL the token named \([^)]*\): a token can/,
        ),
      ]);
      expect(row.failures.every((f) => f.startsWith(last))).toBe(true);
    }
  });

  it('kid-injection, critical, when the kid is pasted into SQL', async () => {
    const report = await runInProcess(flawed(() => ({ resolveKey: keyBySqlConcatenation })));
    expect(failures(report)).toEqual(onBothEndpoints('kid-injection', 'critical'));
    expect(report.results.find((r) => r.scenario === 'kid-injection')!.failures).toEqual([
      expect.stringMatching(/^\[kid ' OR '1'='1 \(SQL\)\] accepted a token it must reject/),
    ]);
  });

  it('kid-injection, major, when a long kid makes the API answer 500', async () => {
    const report = await runInProcess(flawed(() => ({ resolveKey: keyColumnTooShort })));
    expect(failures(report)).toEqual(onBothEndpoints('kid-injection', 'major'));
    expect(report.results.find((r) => r.scenario === 'kid-injection')!.failures).toContainEqual(
      expect.stringMatching(
        /^\[kid of 4096 characters\] answered 500 where a plain unknown kid gets 401: this kid's characters broke the key lookup/,
      ),
    );
  });

  it('kid-injection says what it saw, not a guessed cause, when every unknown kid gets a 500', async () => {
    const report = await runInProcess(
      flawed(() => ({ resolveKey: anyUnknownKidCrashes })),
      {},
      ['kid-injection', 'unknown-kid'],
    );
    expect(failures(report)).toEqual([...onBothEndpoints('unknown-kid', 'major'), ...onBothEndpoints('kid-injection', 'major')].sort());
    const messages = report.results.find((r) => r.scenario === 'kid-injection')!.failures;
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^\[kid ' OR '1'='1 \(SQL\)\] answered 500, exactly as it answers a plain unknown kid: any kid missing from the JWKS breaks the key lookup/,
      ),
    );
    expect(messages.join('\n')).not.toMatch(/reaches a file path|may reach a file path/);
  });

  it('kid-injection, major, when a shell fragment in the kid delays the answer', async () => {
    const report = await runInProcess(
      flawed(() => ({ resolveKey: keyLookupThroughShell })),
      {},
      ['kid-injection'],
    );
    expect(failures(report)).toEqual(onBothEndpoints('kid-injection', 'major'));
    expect(report.results[0]!.failures).toEqual([
      expect.stringMatching(/^\[kid \$\(sleep 5\) \(shell\)\] took \d+ ms to answer \(over 2000 ms\)/),
    ]);
  });

  it('psychic-sig, critical, when ECDSA r and s are not range-checked', async () => {
    const report = await runInProcess(flawed(() => ({ verifySignature: ecdsaWithoutRangeCheck })));
    expect(failures(report)).toEqual(onBothEndpoints('psychic-sig', 'critical'));
  });

  it('crit-unknown, critical, when crit is ignored (by the header check and by a hand-rolled verifier)', async () => {
    // jose refuses an unknown crit by itself, so skipping checkHeaderMembers alone is not enough to open the hole.
    const report = await runInProcess(flawed(() => ({ checkHeaderMembers: skip, verifySignature: verifiesIgnoringCrit })));
    // header-shape's b64 false, named in crit, rides the same hole.
    expect(failures(report)).toEqual(
      [...onBothEndpoints('crit-unknown', 'critical'), ...onBothEndpoints('header-shape', 'critical')].sort(),
    );
  }, 90_000);

  it('none of them when the same key plumbing is used without a flaw', async () => {
    // The control for the tests above: their failures come from the flaw, not from fetchJwks/useJwk.
    const report = await runInProcess(
      flawed(() => ({
        resolveKey: async (ctx) =>
          useJwk(
            ctx,
            (await fetchJwks(ctx.options.jwksUri)).find((k) => k.kid === ctx.header?.kid),
          ),
      })),
    );
    expect(failures(report)).toEqual([]);
  });
});

// ---- the key lifecycle the two rotation scenarios drive ---------------------------------------------

async function contextFor(idp: MockIdp): Promise<ScenarioContext> {
  const config = await resolveConfig({}, { target: 'http://127.0.0.1:9', endpoints: ['GET /orders'] });
  return {
    idp,
    endpoint: config.endpoints[0]!,
    config,
    timeoutMs: 1000,
    fault: {
      now: idp.clock.now(),
      leeway: 60,
      maxLifetime: 7200,
      lifetime: idp.minter.shape.lifetime,
      issuer: idp.issuer,
      audience: idp.minter.shape.audience,
      clientId: idp.minter.shape.clientId,
    },
    forge: (forgery = {}, scopes = []) => idp.minter.forge(forgery, scopes),
  };
}

const kids = (idp: MockIdp): string[] => idp.keys.jwks().keys.map((k) => String(k.kid));
const kidOf = (spec: ProbeSpec): string => String((spec.credential as { token: ForgedToken }).token.header.kid);

describe('the rotation scenarios change the JWKS only through keys of their own, and the IdP snapshot undoes them', () => {
  it('rotated-key signs with a key it published for the run; restoring the snapshot takes it out again', async () => {
    const idp = await MockIdp.create({ issuer: 'https://idp.gauntlet.test', algs: ['ES256'] });
    const before = kids(idp);
    const snapshot = idp.snapshot();
    const ctx = await contextFor(idp);
    const state = await rotatedKey.setup!(ctx);
    const [spec] = [await rotatedKey.probes(ctx, state)].flat();
    expect(before).not.toContain(kidOf(spec!));
    expect(kids(idp)).toEqual([...before, kidOf(spec!)]);
    idp.restore(snapshot);
    expect(kids(idp)).toEqual(before);
  });

  it("retired-key signs with the spare key of the baseline's algorithm while it is published, and retires it only before the refetch and the retired-key probe", async () => {
    for (const algs of [['RS256'], ['ES256', 'RS256', 'PS256']] as const) {
      const idp = await MockIdp.create({ issuer: 'https://idp.gauntlet.test', algs });
      const spare = idp.keys.spareKey(algs[0])!;
      expect(spare.alg).toBe(idp.minter.shape.alg);
      const before = kids(idp);
      expect(before).toContain(spare.kid);
      const snapshot = idp.snapshot();
      const ctx = await contextFor(idp);
      const state = await retiredKey.setup!(ctx);
      const [inUse, refetch, retired] = [await retiredKey.probes(ctx, state)].flat();
      // Nothing is retired until the key has been used: the first variant must be accepted.
      expect(kids(idp)).toEqual(before);
      expect([kidOf(inUse!), inUse!.expect, inUse!.before]).toEqual([spare.kid, 'OK', undefined]);
      await refetch!.before!(ctx, state);
      expect(kids(idp)).toEqual(before.filter((k) => k !== spare.kid));
      expect(before).not.toContain(kidOf(refetch!));
      expect([kidOf(retired!), retired!.expect]).toEqual([spare.kid, undefined]);
      idp.restore(snapshot);
      expect(kids(idp)).toEqual(before);
    }
  });
});
