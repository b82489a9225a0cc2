/**
 * Arbitrary: one claim absent, or present in another JSON type (numeric string, ISO date, float,
 * 1e20, negative, null, array, boolean, object) or a look-alike spelling (empty, other case, padded).
 * Shapes shrink towards the first of their list: a numeric string for dates, absence for strings.
 * @see RFC 7519 §2 (NumericDate), RFC 9068 §2.2
 */
import fc from 'fast-check';
import { DATE_CLAIMS, DATE_SHAPES, STRING_CLAIMS, STRING_SHAPES, type ClaimShape, type DateClaim, type StringClaim } from './mutation.ts';

const isDate = (c: DateClaim | StringClaim): c is DateClaim => (DATE_CLAIMS as readonly string[]).includes(c);

/** A shape of `claim`, or of any claim when none is named. */
export function claimShape(claim?: DateClaim | StringClaim): fc.Arbitrary<ClaimShape> {
  const dates = (c: fc.Arbitrary<DateClaim>): fc.Arbitrary<ClaimShape> =>
    fc.record({ kind: fc.constant('claim' as const), claim: c, shape: fc.constantFrom(...DATE_SHAPES) });
  const strings = (c: fc.Arbitrary<StringClaim>): fc.Arbitrary<ClaimShape> =>
    fc.record({ kind: fc.constant('claim' as const), claim: c, shape: fc.constantFrom(...STRING_SHAPES) });
  if (claim) return isDate(claim) ? dates(fc.constant(claim)) : strings(fc.constant(claim));
  return fc.oneof(dates(fc.constantFrom(...DATE_CLAIMS)), strings(fc.constantFrom(...STRING_CLAIMS)));
}
