import { defineScenario, type ProbeSpec } from '../define.ts';
import { otherScopes, skipUnscoped, UNRELATED_SCOPE } from '../lib/needs-scope.ts';
import { rfc, source } from '../lib/refs.ts';

/** A scope claim that only resembles what the endpoint needs. */
type Trick = [label: string, scope: (needed: string[], others: string[]) => unknown];

const TRICKS: Trick[] = [
  ['scope as a JSON array', (needed, others) => [...others, ...needed]],
  ['prefixes', (needed, others) => [...others, ...needed.map((s) => s.slice(0, Math.ceil(s.length / 2)))].join(' ')],
  ['superstrings', (needed, others) => [...others, ...needed.map((s) => `${s}istrator`)].join(' ')],
  [
    'case variants',
    (needed, others) => [...others, ...needed.map((s) => (s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase()))].join(' '),
  ],
  ['comma-separated', (needed, others) => [...others, [UNRELATED_SCOPE, ...needed].join(',')].join(' ')],
];

/** Would an exact, space-separated reading of this claim grant every needed scope? Then it is no trick. */
function grantsAll(scope: unknown, needed: string[]): boolean {
  const granted = new Set(typeof scope === 'string' ? scope.split(' ') : []);
  return needed.every((s) => granted.has(s));
}

export default defineScenario({
  id: 'scope-tricks',
  title: 'Scope that only resembles the needed one (array, prefix, superstring, case, other separator)',
  category: 'scope',
  formats: ['jwt', 'opaque'],
  refs: [rfc(9068, '2.2.3'), rfc(6749, '3.3'), source('login audit trail')],
  expect: 'IS',
  auditCodes: ['ScopeMismatched'],
  resolution:
    'Read scope as one space-separated string (RFC 9068 §2.2.3) and match each needed scope exactly and case-sensitively: no prefix, substring or other separator, no array.',
  skip: skipUnscoped,
  async probes(ctx) {
    const needed = ctx.endpoint.scopes;
    const others = otherScopes(ctx);
    const specs: Array<Promise<ProbeSpec>> = [];
    for (const [label, make] of TRICKS) {
      const scope = make(needed, others);
      // A one-letter or caseless scope may have no prefix or case variant that differs from it.
      if (!grantsAll(scope, needed)) {
        specs.push(
          ctx
            .forge({ claims: { scope } })
            .then((token) => ({ label: `${label}: ${JSON.stringify(scope)}`, credential: { kind: 'token', token } })),
        );
      }
    }
    return Promise.all(specs);
  },
  order: 30,
});
