/**
 * Arbitrary: one JOSE header member varied. alg: another case, none, HS256 keyed with the public key,
 * unknown, another algorithm than the key's, a non-string, absent, or a proper signature by another
 * loaded key (`key:<ALG>`, for the allowlist). kid: absent, unknown, other case, another key's,
 * padded, empty, non-string. typ: case and long-form spellings (valid), other types, padded, absent.
 * @see RFC 8725 §3.1, §3.11, RFC 9068 §4
 */
import fc from 'fast-check';
import { ALG_VARIANTS, KID_VARIANTS, TYP_VARIANTS, type HeaderVariant } from './mutation.ts';
import type { CaseSpace } from './space.ts';

export type HeaderMember = HeaderVariant['member'];

/** A variant of `member`, or of any member when none is named. */
export function headerVariant(space: Pick<CaseSpace, 'algs'>, member?: HeaderMember): fc.Arbitrary<HeaderVariant> {
  const keyed = space.algs.map((alg) => `key:${alg}` as const);
  const of: Record<HeaderMember, fc.Arbitrary<HeaderVariant>> = {
    alg: fc.record({
      kind: fc.constant('header' as const),
      member: fc.constant('alg' as const),
      variant: fc.constantFrom<(typeof ALG_VARIANTS)[number] | `key:${string}`>(...ALG_VARIANTS, ...keyed),
    }),
    kid: fc.record({
      kind: fc.constant('header' as const),
      member: fc.constant('kid' as const),
      variant: fc.constantFrom(...KID_VARIANTS),
    }),
    typ: fc.record({
      kind: fc.constant('header' as const),
      member: fc.constant('typ' as const),
      variant: fc.constantFrom(...TYP_VARIANTS),
    }),
  };
  return member ? of[member] : fc.oneof(of.alg, of.kid, of.typ);
}
