/**
 * Combinator: from named slots, each an arbitrary mutation, a case with between `min` and `max` of them.
 * Every slot is present or null, and shrinks to null on its own: a failure shrinks to the slots it needs,
 * usually one. (fast-check's array shrinker removes elements from the front only, so a list would keep
 * an irrelevant mutation that comes after the faulty one.)
 */
import fc from 'fast-check';
import type { Mutation } from './mutation.ts';

export interface SomeOfOptions {
  min: number;
  max: number;
  /** Odds that a slot is absent, against 1 that it is present. */
  absentOdds: number;
}

export function someOf(slots: Record<string, fc.Arbitrary<Mutation>>, opts: SomeOfOptions): fc.Arbitrary<Mutation[]> {
  const optional = Object.fromEntries(
    Object.entries(slots).map(([name, arb]) => [
      name,
      fc.oneof({ withCrossShrink: true }, { weight: opts.absentOdds, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb }),
    ]),
  ) as Record<string, fc.Arbitrary<Mutation | null>>;
  return fc
    .record(optional)
    .map((picked) => Object.values(picked).filter((m): m is Mutation => m !== null))
    .filter((ms) => ms.length >= opts.min && ms.length <= opts.max);
}
