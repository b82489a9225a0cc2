/**
 * Every first-wave forgery, checked by a verifier that shares no code with the IdP: jose over real
 * HTTP against the published JWKS, plus the checks jose does not make (kid present, bounded lifetime,
 * certificate validity) and RFC 7662 introspection for revocation.
 */
import { createRemoteJWKSet, decodeProtectedHeader, exportJWK, jwtVerify, type JWK, type JWTVerifyOptions } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateValidity } from './certificate.ts';
import { ManualClock } from './clock.ts';
import { FAULT_IDS, faults, type FaultContext, type FaultId } from './faults.ts';
import { startIdp, type RunningIdp } from './serve.ts';
import { CONTROL_HEADER } from './secret.ts';

const LEEWAY = 60;
const MAX_LIFETIME = 7200;

let running: RunningIdp;
let clock: ManualClock;
let ctx: FaultContext;
let options: JWTVerifyOptions;
let remoteJwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  clock = new ManualClock(Math.floor(Date.now() / 1000));
  running = await startIdp({ clock });
  const { idp } = running;
  ctx = {
    now: clock.now(),
    leeway: LEEWAY,
    maxLifetime: MAX_LIFETIME,
    lifetime: idp.minter.shape.lifetime,
    issuer: idp.issuer,
    audience: idp.minter.shape.audience,
    clientId: idp.minter.shape.clientId,
  };
  options = {
    issuer: idp.issuer,
    audience: idp.minter.shape.audience,
    typ: 'at+jwt',
    algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    maxTokenAge: '2h',
    clockTolerance: LEEWAY,
    currentDate: new Date(clock.now() * 1000),
  };
  remoteJwks = createRemoteJWKSet(new URL(idp.jwksUri));
});

afterAll(async () => {
  await running?.close();
});

// ---- the independent verifier -------------------------------------------------------------------

type Verdict =
  | { accepted: true; header: Record<string, unknown>; payload: Record<string, unknown>; key: CryptoKey }
  | { accepted: false; code: string | undefined; claim: string | undefined };

function rejection(err: unknown): Verdict {
  const e = err as { code?: string; claim?: string };
  return { accepted: false, code: e.code, claim: e.claim };
}

/** jose, as its documentation says to use a remote JWKS: when several keys match, try each of them. */
async function joseVerify(token: string): Promise<Verdict> {
  try {
    const { payload, protectedHeader, key } = await jwtVerify(token, remoteJwks, options);
    return { accepted: true, header: { ...protectedHeader }, payload: { ...payload }, key: key as CryptoKey };
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return rejection(err);
    let last: unknown = err;
    for await (const candidate of err as AsyncIterable<CryptoKey>) {
      try {
        const { payload, protectedHeader } = await jwtVerify(token, candidate, options);
        return { accepted: true, header: { ...protectedHeader }, payload: { ...payload }, key: candidate };
      } catch (inner) {
        last = inner;
        if ((inner as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') break;
      }
    }
    return rejection(last);
  }
}

async function fetchJwks(): Promise<JWK[]> {
  const response = await fetch(running.idp.jwksUri);
  return ((await response.json()) as { keys: JWK[] }).keys;
}

/** The published JWK holding the same public key material as `key`. */
async function publishedJwkOf(key: CryptoKey): Promise<JWK | undefined> {
  const bare = await exportJWK(key);
  const members = ['kty', 'crv', 'n', 'e', 'x', 'y'] as const;
  return (await fetchJwks()).find((jwk) => members.every((m) => jwk[m] === bare[m]));
}

type ExtraCheck = 'kid-present' | 'lifetime' | 'published-key' | 'certificate-validity';

/** The checks jose does not make; returns the names of those that fail. */
async function extraChecks(verdict: Extract<Verdict, { accepted: true }>): Promise<ExtraCheck[]> {
  const failed: ExtraCheck[] = [];
  if (typeof verdict.header.kid !== 'string' || verdict.header.kid === '') failed.push('kid-present');
  const { exp, iat } = verdict.payload;
  if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > MAX_LIFETIME) failed.push('lifetime');
  const x5c = (await publishedJwkOf(verdict.key))?.x5c?.[0];
  if (!x5c) {
    failed.push('published-key');
    return failed;
  }
  const { notBefore, notAfter } = certificateValidity(x5c);
  if (clock.now() < notBefore || clock.now() > notAfter) failed.push('certificate-validity');
  return failed;
}

async function introspect(token: string): Promise<Record<string, unknown>> {
  const { clientId, clientSecret } = running.idp.client;
  const response = await fetch(running.idp.introspectionEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function forge(id: FaultId): Promise<string> {
  return (await running.idp.minter.forge(faults[id](ctx))).token;
}

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** `header.x` / `claims.y` for every member that differs, jti ignored. */
function differences(token: string, baseline: string): string[] {
  const diff = (part: string, a: Record<string, unknown>, b: Record<string, unknown>): string[] =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !(part === 'claims' && k === 'jti'))
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => `${part}.${k}`);
  return [
    ...diff('header', decodeProtectedHeader(token) as Record<string, unknown>, decodeProtectedHeader(baseline) as Record<string, unknown>),
    ...diff('claims', decodeClaims(token), decodeClaims(baseline)),
  ].sort();
}

// ---- expectations, one per fault ----------------------------------------------------------------

/** Faults jose itself rejects, with the error code (and claim) it gives. */
const REJECTED_BY_JOSE: Array<{ id: FaultId; code: string; claim?: string }> = [
  { id: 'expired', code: 'ERR_JWT_EXPIRED', claim: 'exp' },
  { id: 'nbf-future', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' },
  { id: 'iat-future', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iat' },
  { id: 'typ-missing', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'typ' },
  { id: 'refresh-as-access', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'typ' },
  { id: 'id-token-as-access', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'typ' },
  { id: 'wrong-issuer', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' },
  { id: 'wrong-audience', code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' },
  { id: 'unknown-kid', code: 'ERR_JWKS_NO_MATCHING_KEY' },
  { id: 'sig-tampered', code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
  { id: 'foreign-key', code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
  { id: 'alg-none', code: 'ERR_JOSE_ALG_NOT_ALLOWED' },
  { id: 'alg-confusion', code: 'ERR_JOSE_ALG_NOT_ALLOWED' },
];

/** Faults jose accepts (it has no such check); one of the extra checks must catch them. */
const CAUGHT_BY_EXTRA_CHECK: Array<{ id: FaultId; check: ExtraCheck }> = [
  { id: 'missing-kid', check: 'kid-present' },
  { id: 'too-broad', check: 'lifetime' },
  { id: 'expired-cert', check: 'certificate-validity' },
];

/** What each fault changes relative to a baseline minted at the same instant. */
const INTENDED_DIFFERENCES: Record<FaultId, string[]> = {
  expired: ['claims.exp', 'claims.iat'],
  'nbf-future': ['claims.nbf'],
  'iat-future': ['claims.exp', 'claims.iat'],
  'too-broad': ['claims.exp'],
  'unknown-kid': ['header.kid'],
  'missing-kid': ['header.kid'],
  'typ-missing': ['header.typ'],
  'refresh-as-access': ['claims.token_use', 'header.typ'],
  'id-token-as-access': ['claims.auth_time', 'claims.azp', 'claims.client_id', 'claims.nonce', 'claims.scope', 'header.typ'],
  revoked: [],
  'wrong-issuer': ['claims.iss'],
  'wrong-audience': ['claims.aud'],
  'sig-tampered': ['claims.sub'],
  'foreign-key': [],
  'alg-none': ['header.alg'],
  'alg-confusion': ['header.alg'],
  'expired-cert': ['header.kid'],
};

// ---- tests --------------------------------------------------------------------------------------

describe('Every forged token is checked by an INDEPENDENT verifier', () => {
  it('every first-wave fault has a verdict in this file', () => {
    const covered = [...REJECTED_BY_JOSE.map((r) => r.id), ...CAUGHT_BY_EXTRA_CHECK.map((r) => r.id), 'revoked'];

    expect(covered.sort()).toEqual([...FAULT_IDS].sort());
  });

  it('the baseline is accepted by jose, passes every extra check and introspects as active', async () => {
    const { token } = await running.idp.minter.baseline();

    const verdict = await joseVerify(token);
    const failed = verdict.accepted ? await extraChecks(verdict) : ['jose rejected it'];
    const introspection = await introspect(token);

    expect(verdict.accepted).toBe(true);
    expect(failed).toEqual([]);
    expect(introspection).toMatchObject({ active: true, token_type: 'access_token', iss: running.idp.issuer });
  });

  it.each(REJECTED_BY_JOSE)('jose rejects the $id forgery with $code', async ({ id, code, claim }) => {
    const token = await forge(id);

    const verdict = await joseVerify(token);

    expect(verdict).toEqual({ accepted: false, code, claim });
  });

  it.each(CAUGHT_BY_EXTRA_CHECK)('jose accepts the $id forgery, but the $check check rejects it', async ({ id, check }) => {
    const token = await forge(id);

    const verdict = await joseVerify(token);
    const failed = verdict.accepted ? await extraChecks(verdict) : [];

    expect(verdict.accepted).toBe(true);
    expect(failed).toEqual([check]);
  });

  it('without a kid, a bare jwtVerify reports several matching keys, which is why the verifier tries each one', async () => {
    const token = await forge('missing-kid');

    const error = await jwtVerify(token, remoteJwks, options).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' });
  });

  it('jose accepts the revoked forgery, but introspection reports it inactive once its jti is revoked', async () => {
    const forged = await running.idp.minter.forge(faults.revoked());
    const revokeResponse = await fetch(`${running.url}/_gauntlet/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTROL_HEADER]: running.idp.controlSecret },
      body: JSON.stringify({ jti: forged.claims.jti }),
    });

    const verdict = await joseVerify(forged.token);
    const failed = verdict.accepted ? await extraChecks(verdict) : ['jose rejected it'];
    const introspection = await introspect(forged.token);

    expect(revokeResponse.status).toBe(200);
    expect(verdict.accepted).toBe(true);
    expect(failed).toEqual([]);
    expect(introspection).toEqual({ active: false });
  });

  it.each(FAULT_IDS.map((id) => ({ id, fields: INTENDED_DIFFERENCES[id] })))(
    'the $id forgery differs from the baseline only in $fields',
    async ({ id, fields }) => {
      const baseline = (await running.idp.minter.baseline()).token;
      const token = await forge(id);

      const changed = differences(token, baseline);

      expect(changed).toEqual(fields);
    },
  );
});
