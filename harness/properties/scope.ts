/**
 * Arbitrary: the scope claim as a list of scopes in any order, repeats allowed, each spelled exactly
 * (three times in four) or as a prefix, superstring or case variant. Drawn from the endpoint's needed
 * scopes first, so that shrinking heads for them; the empty list is the empty scope.
 * @see RFC 9068 §2.2.3, RFC 6749 §3.3
 */
import fc from 'fast-check';
import { SCOPE_FORMS, type ScopeString } from './mutation.ts';
import type { CaseSpace } from './space.ts';

export function scopeString(space: Pick<CaseSpace, 'needed' | 'others'>): fc.Arbitrary<ScopeString> {
  const pool = [...new Set([...space.needed, ...space.others])];
  const form = fc.oneof(
    { weight: 3, arbitrary: fc.constant('exact' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...SCOPE_FORMS.slice(1)) },
  );
  return fc.record({
    kind: fc.constant('scope' as const),
    parts: fc.array(fc.record({ scope: fc.constantFrom(...pool), form }), { maxLength: 6 }),
  });
}
