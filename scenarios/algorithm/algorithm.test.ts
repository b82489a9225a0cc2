import type { UserConfig } from '../../harness/config.ts';
import { importJWK } from 'jose';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateValidity } from '../../mocks/targets/reference/certificate.ts';
import { invalidToken } from '../../mocks/targets/reference/rejection.ts';
import { resolveOptions } from '../../mocks/targets/reference/options.ts';
import { referenceSteps, skip, type Step } from '../../mocks/targets/reference/steps.ts';
import { rfc6750 } from '../profiles/rfc6750.ts';
import hmacWithPemFile from '../../mocks/targets/flawed/hmac-with-pem-file.ts';
import hmacWithPublicKey from '../../mocks/targets/flawed/hmac-with-public-key.ts';
import { failures, flawed, onBothEndpoints, runInProcess, runOverUrl } from '../../test-support/run-signature.ts';

const NEW_IDS = ['alg-none', 'alg-not-allowed', 'weak-hmac'];

const isNone = (alg: unknown): boolean => typeof alg === 'string' && alg.toLowerCase() === 'none';

/** A blocklist where an allowlist belongs, and a case-sensitive one. */
const blocksLowercaseNone: Step = (ctx) => {
  const alg = String(ctx.header?.alg);
  if (alg === 'none' || alg.startsWith('HS')) return invalidToken('UnsupportedAlgo');
};

/** CVE-2015-2951: the library takes an unsigned token to need no key and no check, whatever the case of "none". */
const noneNeedsNoKey: Step = (ctx) => (isNone(ctx.header?.alg) ? undefined : referenceSteps.resolveKey(ctx));
const noneNeedsNoCheck: Step = (ctx) => (isNone(ctx.header?.alg) ? undefined : referenceSteps.verifySignature(ctx));

/** The key is picked by kid (certificate still checked) and used with whatever algorithm the token names: its JWK's alg is ignored. */
const keyForTheTokensAlg: Step = async (ctx) => {
  const [jwk] = await ctx.jwks.lookup(String(ctx.header?.kid));
  if (!jwk) return invalidToken('MissingKey');
  const validity = jwk.x5c?.[0] === undefined ? undefined : certificateValidity(jwk.x5c[0]);
  if (validity === null || (validity && (ctx.now < validity.notBefore || ctx.now > validity.notAfter)))
    return invalidToken('InvalidSignature');
  try {
    ctx.key = (await importJWK(jwk, String(ctx.header?.alg))) as CryptoKey;
  } catch {
    return invalidToken('UnsupportedAlgo');
  }
};

/** An API that also takes HS256 tokens, keyed with a tutorial's secret. */
const hmacWithTutorialSecret: Step = async (ctx) => {
  if (ctx.header?.alg !== 'HS256') return referenceSteps.resolveKey(ctx);
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode('secret'), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
};

describe('the algorithm scenarios against the reference API', () => {
  it('pass over a URL and in process with the same verdicts, with every variant sent', async () => {
    const overUrl = await runOverUrl();
    const inProcess = await runInProcess();
    expect(failures(overUrl)).toEqual([]);
    expect(failures(inProcess)).toEqual([]);
    const verdicts = (r: typeof overUrl) => r.results.map((x) => `${x.scenario} ${x.endpoint} ${x.verdict}`);
    expect(verdicts(inProcess)).toEqual(verdicts(overUrl));
    const variants = (id: string) => overUrl.results.find((r) => r.scenario === id)!.variants;
    expect(variants('alg-none')).toEqual(['alg "none"', 'alg "None"', 'alg "NONE"', 'alg "nOnE"']);
    expect(variants('alg-not-allowed')).toEqual(['RS384 with the RS256 key', 'RS512 with the RS256 key', 'PS384 with the RS256 key']);
    expect(variants('weak-hmac')).toEqual(expect.arrayContaining(['empty secret', 'secret "secret"', 'secret "your-256-bit-secret"']));
    for (const id of NEW_IDS) expect(overUrl.results.filter((r) => r.scenario === id && r.verdict === 'pass')).toHaveLength(2);
  }, 90_000);

  it('get UnsupportedAlgo from the reference API, an audit code each scenario allows', async () => {
    const report = await runInProcess(undefined, { profile: { ...rfc6750, name: 'rfc6750+audit', useScenarioAuditCodes: true } }, NEW_IDS);
    expect(failures(report)).toEqual([]);
    expect(new Set(report.results.map((r) => r.observed?.auditCode))).toEqual(new Set(['UnsupportedAlgo']));
  });

  it('re-sign the PS256 key when it is the only RSA key, and skip alg-not-allowed without one', async () => {
    const psOnly = await runInProcess(undefined, { idp: { algs: ['PS256', 'ES256'] } }, ['alg-not-allowed']);
    expect(failures(psOnly)).toEqual([]);
    expect(psOnly.results[0]!.variants).toEqual(['RS384 with the PS256 key', 'RS512 with the PS256 key', 'PS384 with the PS256 key']);
    const noRsa = await runInProcess(undefined, { idp: { algs: ['ES256', 'EdDSA'] } }, ['alg-not-allowed']);
    expect(noRsa.results.map((r) => [r.verdict, r.skipReason])).toEqual([
      ['skip', expect.stringMatching(/no RSA key is loaded/)],
      ['skip', expect.stringMatching(/no RSA key is loaded/)],
    ]);
  });
});

describe('a flawed reference API fails exactly the scenario aimed at its flaw', () => {
  it('none of them when only the allowlist is skipped: the key binding and jose still refuse', async () => {
    // Why the variants below replace more than checkAlgorithm: the reference refuses these tokens twice.
    const report = await runInProcess(flawed(() => ({ checkAlgorithm: skip })));
    expect(failures(report)).toEqual([]);
  });

  it('alg-none, critical, for the spellings a case-sensitive blocklist lets through to a library that honours none', async () => {
    const report = await runInProcess(
      flawed(() => ({ checkAlgorithm: blocksLowercaseNone, resolveKey: noneNeedsNoKey, verifySignature: noneNeedsNoCheck })),
    );
    expect(failures(report)).toEqual(onBothEndpoints('alg-none', 'critical'));
    const failed = report.results.find((r) => r.scenario === 'alg-none')!.failures;
    expect(failed.map((f) => f.slice(0, f.indexOf(']') + 1))).toEqual(['[alg "None"]', '[alg "NONE"]', '[alg "nOnE"]']);
  });

  it('alg-not-allowed, critical, without an allowlist when the key is used with the algorithm the token names', async () => {
    const report = await runInProcess(flawed(() => ({ checkAlgorithm: skip, resolveKey: keyForTheTokensAlg })));
    expect(failures(report)).toEqual(onBothEndpoints('alg-not-allowed', 'critical'));
    expect(report.results.find((r) => r.scenario === 'alg-not-allowed')!.failures).toHaveLength(3);
  });

  it('weak-hmac, critical, when the API takes HS256 keyed with "secret"', async () => {
    const algorithms = [...resolveOptions({ issuer: 'x', audience: 'y' }).algorithms, 'HS256'];
    const report = await runInProcess(flawed(() => ({ resolveKey: hmacWithTutorialSecret }), { algorithms }));
    expect(failures(report)).toEqual(onBothEndpoints('weak-hmac', 'critical'));
    expect(report.results.find((r) => r.scenario === 'weak-hmac')!.failures).toEqual([
      expect.stringMatching(/^\[secret "secret"\] accepted a token it must reject/),
      expect.stringMatching(/^\[secret "secret", unknown kid\] accepted a token it must reject/),
      expect.stringMatching(/^\[secret "secret", no kid\] accepted a token it must reject/),
    ]);
  });

  it("alg-confusion, critical, for the key text each confused validator holds: the PEM file with its newline, or jose's PEM without it", async () => {
    const confused = (target: typeof hmacWithPemFile) => () => ({ ...target.options(), introspection: undefined });
    const label = (f: string) => f.slice(1, f.indexOf(']'));
    const algs: UserConfig = { idp: { algs: ['ES256', 'RS256', 'PS256', 'EdDSA'] } };
    const pemFile = await runInProcess(confused(hmacWithPemFile), algs, ['alg-confusion']);
    expect(failures(pemFile)).toEqual(onBothEndpoints('alg-confusion', 'critical'));
    // Exactly the forms with the final newline: the single jose-style variant of before let this one pass.
    expect(pemFile.results[0]!.failures.map(label)).toEqual([
      "HS256 keyed with the ES256 key's SPKI PEM with a final newline",
      "HS384 keyed with the ES256 key's SPKI PEM with a final newline",
      "HS512 keyed with the ES256 key's SPKI PEM with a final newline",
      "HS256 keyed with the RS256 key's SPKI PEM with a final newline",
      "HS256 keyed with the PS256 key's SPKI PEM with a final newline",
      "HS256 keyed with the EdDSA key's SPKI PEM with a final newline",
    ]);
    const jose = await runInProcess(confused(hmacWithPublicKey), algs, ['alg-confusion']);
    expect(jose.results[0]!.failures.map(label)).toEqual(["HS256 keyed with the ES256 key's SPKI PEM without a final newline"]);
  });

  it('alg-confusion names each key text in its row, at most 30 variants', async () => {
    const report = await runInProcess(undefined, { idp: { algs: ['RS256', 'PS256', 'ES256', 'EdDSA'] } }, ['alg-confusion']);
    expect(failures(report)).toEqual([]);
    const variants = report.results[0]!.variants;
    expect(variants.length).toBeLessThanOrEqual(30);
    for (const form of [
      'with CRLF line ends',
      'after a leading newline',
      'after leading spaces',
      'x5c certificate as PEM',
      'JWK as JSON text',
      'SPKI DER bytes',
      'PKCS#1 PEM (BEGIN RSA PUBLIC KEY)',
    ])
      expect(
        variants.some((v) => v.includes("RS256 key's") && v.endsWith(form)),
        form,
      ).toBe(true);
    expect(variants).toContain("HS256 keyed with the EdDSA key's SPKI PEM with a final newline");
  });
});
