/**
 * Arbitrary: how the Authorization header carries the token: the scheme in another case, another
 * scheme or none; one to three spaces or a tab after it; leading or trailing whitespace; and one time
 * in five a line break inside the token. Every field shrinks towards the plain `Bearer <token>`.
 * @see RFC 6750 §2.1, RFC 9110 §11.1, §5.5
 */
import fc from 'fast-check';
import { LINE_BREAKS, type Transport } from './mutation.ts';
import type { CaseSpace } from './space.ts';

function mixedCase(s: string): string {
  return [...s].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

export function transportVariant(space: Pick<CaseSpace, 'scheme'>): fc.Arbitrary<Transport> {
  const scheme = space.scheme ?? 'Bearer';
  const schemes = [...new Set([scheme, scheme.toLowerCase(), scheme.toUpperCase(), mixedCase(scheme)]), 'Token', 'Basic', ''];
  return fc.record({
    kind: fc.constant('transport' as const),
    scheme: fc.constantFrom(...schemes),
    gap: fc.constantFrom(' ', '  ', '   ', '\t'),
    lead: fc.constantFrom('', ' ', '\t'),
    trail: fc.constantFrom('', ' ', '\t'),
    lineBreak: fc.option(fc.record({ seq: fc.constantFrom(...LINE_BREAKS), at: fc.integer({ min: 1, max: 99 }) }), { nil: null, freq: 5 }),
  });
}
