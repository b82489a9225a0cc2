import fc from 'fast-check';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../mocks/idp/clock.ts';
import { MockIdp } from '../../mocks/idp/idp.ts';
import { mintCase } from './apply.ts';
import { audienceShape } from './audience.ts';
import { claimShape } from './claim-type.ts';
import { headerVariant } from './header.ts';
import { expected, expectedOver, type CredentialFacts, type Policy, type TokenFacts } from './oracle.ts';
import { someOf } from './some-of.ts';
import { timeShift } from './time.ts';

const NOW = 1_800_000_000;
const KID = 'kid-rs256';
const POLICY: Policy = {
  issuer: 'https://idp.gauntlet.test',
  audience: 'https://api.gauntlet.test',
  leeway: 60,
  maxLifetime: 7200,
  lifetime: 300,
  algorithms: ['RS256'],
  typ: 'at+jwt',
  scopes: [],
  scheme: 'Bearer',
  subject: 'u1',
  clientId: 'c1',
  clientIdSent: false,
};
const ADMIN: Policy = { ...POLICY, scopes: ['admin'] };
/** Nothing declared: the API may be stricter than any default. */
const UNDECLARED: Policy = { ...POLICY, leeway: null, maxLifetime: null };

function facts(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, more: Partial<TokenFacts> = {}): TokenFacts {
  const merge = (base: Record<string, unknown>, over: Record<string, unknown>) => {
    const out = { ...base, ...over };
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete out[k];
    return out;
  };
  return {
    header: merge({ alg: 'RS256', typ: 'at+jwt', kid: KID }, header),
    claims: merge(
      { iss: POLICY.issuer, aud: POLICY.audience, sub: 'u1', client_id: 'c1', jti: 'j1', scope: 'admin', iat: NOW, exp: NOW + 300 },
      claims,
    ),
    signer: { kid: KID, alg: 'RS256' },
    ...more,
  };
}

const classes = (f: TokenFacts, policy = POLICY, now = NOW) => expected(f, policy, now).classes;
const carried = (over: Partial<CredentialFacts>): CredentialFacts => ({
  scheme: 'Bearer',
  gap: ' ',
  lead: '',
  trail: '',
  lineBreak: false,
  ...over,
});

describe('the oracle, rule by rule', () => {
  it('accepts the baseline, and on a scoped endpoint a scope that holds the needed one in any order and repeated', () => {
    expect(classes(facts())).toEqual(['OK']);
    expect(classes(facts({ scope: 'read admin admin' }), ADMIN)).toEqual(['OK']);
  });

  it('draws the exp boundary exactly at now − leeway: expired on it, valid one second later', () => {
    expect(classes(facts({ exp: NOW - 60 }))).toEqual(['IT']);
    expect(classes(facts({ exp: NOW - 59 }))).toEqual(['OK']);
  });

  it('refuses nbf and iat only once they lie beyond now + leeway', () => {
    expect(classes(facts({ nbf: NOW + 60 }))).toEqual(['OK']);
    expect(classes(facts({ nbf: NOW + 61 }))).toEqual(['IT']);
    expect(classes(facts({ iat: NOW + 60, exp: NOW + 360 }))).toEqual(['OK']);
    expect(classes(facts({ iat: NOW + 61, exp: NOW + 361 }))).toEqual(['IT']);
  });

  it('allows a lifetime of exactly maxLifetime and refuses one second more', () => {
    expect(classes(facts({ exp: NOW + 7200 }))).toEqual(['OK']);
    expect(classes(facts({ exp: NOW + 7201 }))).toEqual(['IT']);
  });

  it('with no leeway declared, allows either answer up to the 300 s ceiling past a boundary and refuses beyond it', () => {
    expect(classes(facts({ exp: NOW + 1 }), UNDECLARED)).toEqual(['OK']);
    expect(classes(facts({ exp: NOW }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ exp: NOW - 299 }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ exp: NOW - 300 }), UNDECLARED)).toEqual(['IT']);
    expect(classes(facts({ nbf: NOW }), UNDECLARED)).toEqual(['OK']);
    expect(classes(facts({ nbf: NOW + 1 }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ nbf: NOW + 300 }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ nbf: NOW + 301 }), UNDECLARED)).toEqual(['IT']);
    expect(classes(facts({ iat: NOW + 300, exp: NOW + 600 }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ iat: NOW + 301, exp: NOW + 601 }), UNDECLARED)).toEqual(['IT']);
    // A definite fault elsewhere still decides.
    expect(classes(facts({ exp: NOW, iss: 'https://evil.test' }), UNDECLARED)).toEqual(['IT']);
  });

  it("with no maximum lifetime declared, allows either answer for a lifetime beyond the baseline's", () => {
    expect(classes(facts({ exp: NOW + 300 }), UNDECLARED)).toEqual(['OK']);
    expect(classes(facts({ exp: NOW + 301 }), UNDECLARED)).toEqual(['OK', 'IT']);
    expect(classes(facts({ exp: NOW + 86_400 * 365 }), UNDECLARED)).toEqual(['OK', 'IT']);
  });

  it('requires exp and iat as JSON numbers: a numeric string, null or an array is invalid_token', () => {
    for (const exp of [String(NOW + 300), null, [NOW + 300], undefined]) expect(classes(facts({ exp }))).toEqual(['IT']);
    for (const iat of [String(NOW), null, true, undefined]) expect(classes(facts({ iat }))).toEqual(['IT']);
    expect(classes(facts({ nbf: null }))).toEqual(['IT']);
  });

  it('lets a fractional or negative date be accepted or refused, but refuses 1e20 through the lifetime rule', () => {
    expect(classes(facts({ exp: NOW + 300.5 }))).toEqual(['OK', 'IT']);
    expect(classes(facts({ nbf: -1 }))).toEqual(['OK', 'IT']);
    expect(classes(facts({ exp: 1e20 }))).toEqual(['IT']);
    expect(classes(facts({ iat: -1 }))).toEqual(['IT']);
  });

  it('checks alg, key, kid and typ, accepting typ in any case and long form', () => {
    expect(classes(facts({}, { alg: 'rs256' }))).toEqual(['IT']);
    expect(classes(facts({}, { alg: 'PS256' }))).toEqual(['IT']);
    expect(classes(facts({}, { alg: 'ES256' }, { signer: { kid: 'kid-es', alg: 'ES256' } }))).toEqual(['IT']);
    expect(
      classes(facts({}, { alg: 'ES256', kid: 'kid-es' }, { signer: { kid: 'kid-es', alg: 'ES256' } }), {
        ...POLICY,
        algorithms: ['RS256', 'ES256'],
      }),
    ).toEqual(['OK']);
    expect(classes(facts({}, {}, { signer: null }))).toEqual(['IT']);
    expect(classes(facts({}, { kid: undefined }))).toEqual(['IT']);
    expect(classes(facts({}, { kid: 'KID-RS256' }))).toEqual(['IT']);
    expect(classes(facts({}, { typ: 'Application/AT+JWT' }))).toEqual(['OK']);
    expect(classes(facts({}, { typ: 'JWT' }))).toEqual(['IT']);
    expect(classes(facts({}, { typ: undefined }))).toEqual(['IT']);
  });

  it('matches iss exactly and finds the audience in a string or an array of strings', () => {
    expect(classes(facts({ iss: `${POLICY.issuer}/` }))).toEqual(['IT']);
    expect(classes(facts({ aud: ['https://other.test', POLICY.audience] }))).toEqual(['OK']);
    expect(classes(facts({ aud: [] }))).toEqual(['IT']);
    expect(classes(facts({ aud: [[POLICY.audience]] }))).toEqual(['IT']);
    expect(classes(facts({ aud: `https://other.test ${POLICY.audience}` }))).toEqual(['IT']);
  });

  it('requires sub, client_id and jti (RFC 9068 §2.2), and tolerates other values either way unless the request carries the client id', () => {
    expect(classes(facts({ sub: undefined }))).toEqual(['IT']);
    expect(classes(facts({ client_id: undefined }))).toEqual(['IT']);
    expect(classes(facts({ jti: undefined }))).toEqual(['IT']);
    expect(classes(facts({ sub: 'U1' }))).toEqual(['OK', 'IT']);
    expect(classes(facts({ jti: 42 }))).toEqual(['OK', 'IT']);
    expect(classes(facts({ client_id: '' }))).toEqual(['OK', 'IT']);
    expect(classes(facts({ client_id: '' }), { ...POLICY, clientIdSent: true })).toEqual(['IT']);
  });

  it('answers insufficient_scope for a valid token without the scope, and invalid_token first when both are wrong', () => {
    expect(classes(facts({ scope: 'ADMIN administrator adm' }), ADMIN)).toEqual(['IS']);
    expect(classes(facts({ scope: '' }), ADMIN)).toEqual(['IS', 'IT']);
    expect(classes(facts({ scope: undefined }), ADMIN)).toEqual(['IS', 'IT']);
    expect(classes(facts({ scope: ['admin'] }), ADMIN)).toEqual(['IS', 'IT']);
    expect(classes(facts({ scope: 'read', exp: NOW - 3600 }), ADMIN)).toEqual(['IT']);
    expect(classes(facts({ scope: ['admin'] }))).toEqual(['OK', 'IT']);
  });

  it('judges the transport before the token: line break, other scheme, tab, extra spaces', () => {
    const expired = { exp: NOW - 3600 };
    expect(classes(facts(expired, {}, { credential: carried({ lineBreak: true }) }))).toEqual(['REJECT']);
    expect(classes(facts(expired, {}, { credential: carried({ scheme: 'Basic' }) }))).toEqual(['NC']);
    expect(classes(facts({}, {}, { credential: carried({ scheme: '' }) }))).toEqual(['NC']);
    expect(classes(facts({}, {}, { credential: carried({ scheme: 'bEaReR' }) }))).toEqual(['OK']);
    expect(classes(facts({}, {}, { credential: carried({ gap: '\t' }) }))).toEqual(['IT', 'IR', 'NC']);
    expect(classes(facts({}, {}, { credential: carried({ gap: '  ' }) }))).toEqual(['OK', 'IT', 'IR']);
    expect(classes(facts(expired, {}, { credential: carried({ trail: ' ' }) }))).toEqual(['IT', 'IR']);
  });
});

describe('judging over the seconds the API may have read its clock in', () => {
  it('is stable when no second of the window changes the answer', () => {
    const e = expectedOver(facts({ exp: NOW - 3600 }), POLICY, NOW, NOW + 1);
    expect(e).toMatchObject({ classes: ['IT'], stable: true });
  });

  it('is unstable, with both answers, when the window straddles the exp boundary', () => {
    const e = expectedOver(facts({ exp: NOW - 59 }), POLICY, NOW, NOW + 1);
    expect(e).toMatchObject({ classes: ['OK', 'IT'], stable: false });
  });

  it('takes a window longer than five seconds as unstable', () => {
    expect(expectedOver(facts(), POLICY, NOW, NOW + 30).stable).toBe(false);
  });
});

describe('the oracle against jose jwtVerify as a second opinion', () => {
  let idp: MockIdp;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    idp = await MockIdp.create({ issuer: POLICY.issuer, algs: ['RS256', 'ES256'], clock, shape: { audience: POLICY.audience } });
  });

  it.each([
    ['leeway 60 declared, jose with 60 s', POLICY, 60],
    ['nothing declared, jose with no leeway (stricter than any default)', UNDECLARED, 0],
    ['nothing declared, jose with the 300 s ceiling', UNDECLARED, 300],
  ] as const)(
    'agrees with jose wherever jose checks the rule the case breaks (lifetime and a missing kid are ours alone): %s',
    async (_name, declared, tolerance) => {
      const policy: Policy = { ...declared, issuer: idp.issuer, subject: idp.minter.shape.subject, clientId: idp.minter.shape.clientId };
      const jwks = createLocalJWKSet(idp.keys.jwks());
      const space = { algs: ['RS256', 'ES256'] };
      const slots = {
        exp: fc.oneof(timeShift('exp'), claimShape('exp')),
        nbf: fc.oneof(timeShift('nbf'), claimShape('nbf')),
        iat: fc.oneof(timeShift('iat'), claimShape('iat')),
        iss: claimShape('iss'),
        aud: fc.oneof(audienceShape(), claimShape('aud')),
        sub: claimShape('sub'),
        alg: headerVariant(space, 'alg'),
        kid: headerVariant(space, 'kid'),
        typ: headerVariant(space, 'typ'),
      };
      let compared = 0;
      const accepted = { oracle: 0, jose: 0 };
      await fc.assert(
        fc.asyncProperty(someOf(slots, { min: 1, max: 3, absentOdds: 3 }), async (mutations) => {
          const minted = await mintCase(mutations, {
            now: NOW,
            policy,
            minter: idp.minter,
            keys: idp.keys,
            endpoint: { method: 'GET', path: '/', scopes: [] },
          });
          const oracle = expected(minted.facts, policy, NOW);
          const blind = oracle.violations.some((v) => v.rule === 'C6' || (v.rule === 'H3' && typeof minted.facts.header.kid !== 'string'));
          if (blind) return;
          const jose = await jwtVerify(minted.token.token, jwks, {
            issuer: policy.issuer,
            audience: policy.audience,
            algorithms: [...policy.algorithms],
            typ: policy.typ,
            clockTolerance: tolerance,
            // Turns on jose's iat-in-the-future check; token age is not a rule of ours.
            maxTokenAge: 10 ** 9,
            // RFC 9068 §2.2, as the oracle's C7 asks.
            requiredClaims: ['exp', 'iat', 'sub', 'client_id', 'jti'],
            currentDate: new Date(NOW * 1000),
          }).then(
            () => 'OK' as const,
            () => 'IT' as const,
          );
          compared++;
          if (oracle.classes.includes('OK')) accepted.oracle++;
          if (jose === 'OK') accepted.jose++;
          expect(
            oracle.classes,
            `${JSON.stringify(mutations)}: oracle ${oracle.classes} (${oracle.violations.map((v) => v.why).join('; ')}), jose ${jose}`,
          ).toContain(jose);
        }),
        { seed: 20_240_601, numRuns: 400 },
      );
      // Not vacuous: most cases compared, on both sides of the verdict.
      expect(compared).toBeGreaterThan(300);
      expect(accepted.jose).toBeGreaterThan(30);
      expect(compared - accepted.jose).toBeGreaterThan(100);
    },
  );
});
