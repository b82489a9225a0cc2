/**
 * The properties run on each endpoint: one per family of mutations, plus their combinations. `--runs N`
 * is the number of cases per endpoint, shared among the families by weight, so each family gets its own
 * counterexample and the time family (where off-by-one bugs hide) the largest share.
 */
import fc from 'fast-check';
import { audienceShape } from './audience.ts';
import { claimShape } from './claim-type.ts';
import { combination } from './combination.ts';
import { headerVariant } from './header.ts';
import { DATE_CLAIMS, STRING_CLAIMS, type Mutation } from './mutation.ts';
import { someOf } from './some-of.ts';
import { scopeString } from './scope.ts';
import type { CaseSpace } from './space.ts';
import { timeShift } from './time.ts';
import { transportVariant } from './transport.ts';

export interface Family {
  name: string;
  weight: number;
  applies(space: CaseSpace): boolean;
  arbitrary(space: CaseSpace): fc.Arbitrary<Mutation[]>;
}

const always = (): boolean => true;

export const FAMILIES: readonly Family[] = [
  {
    name: 'time',
    weight: 3,
    applies: always,
    arbitrary: () => someOf({ exp: timeShift('exp'), nbf: timeShift('nbf'), iat: timeShift('iat') }, { min: 1, max: 3, absentOdds: 1 }),
  },
  {
    name: 'claim-types',
    weight: 2,
    applies: always,
    arbitrary: () =>
      someOf(Object.fromEntries([...DATE_CLAIMS, ...STRING_CLAIMS].map((c) => [c, claimShape(c)])), { min: 1, max: 3, absentOdds: 4 }),
  },
  {
    name: 'header',
    weight: 2,
    applies: always,
    arbitrary: (s) =>
      someOf(
        { alg: headerVariant(s, 'alg'), kid: headerVariant(s, 'kid'), typ: headerVariant(s, 'typ') },
        { min: 1, max: 3, absentOdds: 1 },
      ),
  },
  { name: 'audience', weight: 1, applies: always, arbitrary: () => audienceShape().map((m) => [m]) },
  { name: 'scope', weight: 1, applies: always, arbitrary: (s) => scopeString(s).map((m) => [m]) },
  { name: 'transport', weight: 1, applies: (s) => s.scheme !== null, arbitrary: (s) => transportVariant(s).map((m) => [m]) },
  { name: 'combined', weight: 2, applies: always, arbitrary: (s) => combination(s) },
];

/** Split `runs` among the families by weight (largest remainder), so the shares add up to `runs` exactly. */
export function shares(families: readonly Family[], runs: number): Array<{ family: Family; runs: number }> {
  const total = families.reduce((sum, f) => sum + f.weight, 0);
  const raw = families.map((f) => (runs * f.weight) / total);
  const out = raw.map(Math.floor);
  let left = runs - out.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return families.map((family, i) => ({ family, runs: out[i]! })).filter((s) => s.runs > 0);
}
