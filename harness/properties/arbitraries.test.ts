import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceShape } from './audience.ts';
import { claimShape } from './claim-type.ts';
import { combination } from './combination.ts';
import { FAMILIES, shares } from './families.ts';
import { headerVariant } from './header.ts';
import { slot, type Mutation } from './mutation.ts';
import { scopeString } from './scope.ts';
import type { CaseSpace } from './space.ts';
import { timeShift } from './time.ts';
import { transportVariant } from './transport.ts';

const SPACE: CaseSpace = { needed: ['admin'], others: ['orders:read', 'gauntlet.unrelated'], algs: ['RS256', 'ES256'], scheme: 'Bearer' };
const SEED = 1_234_567;

const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 500): T[] => fc.sample(arb, { seed: SEED, numRuns });

describe('the arbitraries', () => {
  it('each yield only mutations of their own kind, as plain JSON', () => {
    const kinds: Array<[fc.Arbitrary<Mutation>, Mutation['kind']]> = [
      [timeShift(), 'time'],
      [claimShape(), 'claim'],
      [headerVariant(SPACE), 'header'],
      [audienceShape(), 'audience'],
      [scopeString(SPACE), 'scope'],
      [transportVariant(SPACE), 'transport'],
    ];
    for (const [arb, kind] of kinds) {
      for (const m of sample(arb, 200)) {
        expect(m.kind).toBe(kind);
        expect(JSON.parse(JSON.stringify(m))).toEqual(m);
      }
    }
  });

  it('keep four in five time offsets within one second of their anchor, and reach every anchor', () => {
    const shifts = sample(timeShift(), 2000);
    const near = shifts.filter((s) => Math.abs(s.offset) <= 1).length;
    expect(near / shifts.length).toBeGreaterThan(0.75);
    const anchors = new Set(shifts.map((s) => `${s.claim}:${s.from}:${s.offset === 0 ? 0 : ''}`));
    for (const a of ['exp:leeway:0', 'exp:now:0', 'exp:max-lifetime:0', 'nbf:leeway:0', 'iat:leeway:0', 'iat:max-lifetime:0'])
      expect(anchors).toContain(a);
  });

  it('sign with another loaded key only for the algorithms the space names', () => {
    const algs = new Set(
      sample(headerVariant({ algs: ['RS256'] }, 'alg'), 500)
        .map((m) => m.variant)
        .filter((v) => v.startsWith('key:')),
    );
    expect([...algs]).toEqual(['key:RS256']);
  });

  it('draw scopes from the needed ones first, in any order and with repeats', () => {
    const scopes = sample(scopeString(SPACE), 1000);
    expect(scopes.some((s) => s.parts.filter((p) => p.scope === 'admin' && p.form === 'exact').length > 1)).toBe(true);
    expect(scopes.some((s) => s.parts.length > 1 && s.parts[0]!.scope !== 'admin' && s.parts.some((p) => p.scope === 'admin'))).toBe(true);
    expect(scopes.some((s) => s.parts.length === 0)).toBe(true);
  });

  it('combine one to three mutations, mostly two or three, each slot at most once', () => {
    const cases = sample(combination(SPACE), 1000);
    for (const c of cases) {
      expect(c.length).toBeGreaterThanOrEqual(1);
      expect(c.length).toBeLessThanOrEqual(3);
      expect(new Set(c.map(slot)).size).toBe(c.length);
    }
    expect(cases.filter((c) => c.length >= 2).length / cases.length).toBeGreaterThan(0.6);
    expect(new Set(cases.flat().map((m) => m.kind)).size).toBe(6);
  });

  it('give the same cases for the same seed, and other cases for another', () => {
    for (const family of FAMILIES) {
      const arb = family.arbitrary(SPACE);
      const once = fc.sample(arb, { seed: SEED, numRuns: 50 });
      expect(fc.sample(arb, { seed: SEED, numRuns: 50 })).toEqual(once);
      expect(fc.sample(arb, { seed: SEED + 1, numRuns: 50 })).not.toEqual(once);
    }
  });

  it('shrink a failing combined case to the one mutation it needs', () => {
    const faulty = (m: Mutation) => m.kind === 'claim' && m.claim === 'iat' && m.shape !== 'absent';
    const details = fc.check(
      fc.property(combination(SPACE), (ms) => !ms.some(faulty)),
      { seed: SEED, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    expect(details.counterexample?.[0]).toEqual([{ kind: 'claim', claim: 'iat', shape: 'numeric-string' }]);
  });

  it('shrink a time case to the boundary itself', () => {
    const exp = FAMILIES.find((f) => f.name === 'time')!.arbitrary(SPACE);
    const details = fc.check(
      fc.property(exp, (ms) => !ms.some((m) => m.kind === 'time' && m.claim === 'exp' && m.from === 'leeway' && m.offset <= 0)),
      { seed: SEED, numRuns: 500 },
    );
    expect(details.counterexample?.[0]).toEqual([{ kind: 'time', claim: 'exp', from: 'leeway', offset: 0 }]);
  });
});

describe('sharing --runs among the families', () => {
  it('gives each family its weight and adds up to exactly the cases asked for', () => {
    for (const runs of [1, 7, 100, 1000, 1001]) {
      const s = shares(FAMILIES, runs);
      expect(s.reduce((n, x) => n + x.runs, 0)).toBe(runs);
    }
    const hundred = Object.fromEntries(shares(FAMILIES, 100).map((s) => [s.family.name, s.runs]));
    expect(hundred).toEqual({ time: 25, 'claim-types': 17, header: 17, audience: 8, scope: 8, transport: 8, combined: 17 });
  });
});
