import { describe, expect, it } from 'vitest';
import { consequence } from './consequence.ts';
import type { Mutation } from './mutation.ts';
import type { Violation } from './oracle.ts';

const definite = (rule: Violation['rule'], why: string): Violation => ({ rule, kind: 'definite', why });
const transport: Mutation = { kind: 'transport', scheme: 'Basic', gap: ' ', lead: '', trail: '', lineBreak: null };
const noSub = { kind: 'claim', claim: 'sub', shape: 'absent' } as Mutation;

describe('what an accepted property case means', () => {
  it('is major for a valid token carried the wrong way, and for a required claim whose absence opens no hole', () => {
    expect(consequence([transport], [definite('T2', 'scheme "Basic" instead of Bearer')])).toEqual({
      severity: 'major',
      means: 'a valid token carried with scheme "Basic" instead of Bearer',
    });
    expect(consequence([noSub], [definite('C7', 'no sub')])).toEqual({ severity: 'major', means: 'a token without sub' });
    expect(consequence([noSub], [definite('C7', 'no sub'), definite('C5', 'no iat')])).toEqual({
      severity: 'major',
      means: 'a token without sub, iat',
    });
  });

  it('is critical (no override) for anything that makes the token one that must not work here', () => {
    expect(consequence([noSub], [definite('C2', 'aud absent')])).toBeUndefined();
    expect(consequence([noSub], [definite('C7', 'no sub'), definite('C3', 'expired: exp 1 ≤ now 2 − leeway 0')])).toBeUndefined();
    // A carriage fault hides the token's own faults from the oracle: with a claim changed too, assume the worst.
    expect(consequence([transport, noSub], [definite('T2', 'no Bearer scheme')])).toBeUndefined();
    expect(consequence([], [])).toBeUndefined();
  });
});
