/**
 * Arbitrary: exp, nbf or iat moved around now, around the declared leeway and around the maximum
 * lifetime. Four in five offsets fall within ±1 s of the anchor, where off-by-one bugs live; the rest
 * roam three hours either way. Offsets shrink towards 0, the boundary itself.
 */
import fc from 'fast-check';
import type { DateClaim, TimeShift } from './mutation.ts';

const WIDE = 3 * 3600;

const offset = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1, max: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: -WIDE, max: WIDE }) },
);

const ANCHORS: Record<DateClaim, Array<TimeShift['from']>> = {
  exp: ['leeway', 'now', 'max-lifetime'],
  nbf: ['leeway', 'now'],
  iat: ['leeway', 'now', 'max-lifetime'],
};

/** A shift of `claim`, or of any of the three when none is named. */
export function timeShift(claim?: DateClaim): fc.Arbitrary<TimeShift> {
  const of = (c: DateClaim): fc.Arbitrary<TimeShift> =>
    fc.record({ kind: fc.constant('time' as const), claim: fc.constant(c), from: fc.constantFrom(...ANCHORS[c]), offset });
  return claim ? of(claim) : fc.oneof(of('exp'), of('nbf'), of('iat'));
}
