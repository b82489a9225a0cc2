/**
 * Arbitrary: aud as an array (this API alone, first, last, twice; empty; another API only), another
 * audience, a look-alike (trailing slash, other case, prefix, space-joined, nested array), or no aud at all.
 * @see RFC 7519 §4.1.3
 */
import fc from 'fast-check';
import { AUDIENCE_SHAPES, type AudienceShape } from './mutation.ts';

export function audienceShape(): fc.Arbitrary<AudienceShape> {
  return fc.record({ kind: fc.constant('audience' as const), shape: fc.constantFrom(...AUDIENCE_SHAPES) });
}
