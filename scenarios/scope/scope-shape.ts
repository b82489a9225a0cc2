import { defineScenario, type ProbeSpec } from '../define.ts';
import { lookalike } from '../lib/claim-shapes.ts';
import { otherScopes, skipUnscoped, UNRELATED_SCOPE } from '../lib/needs-scope.ts';
import { rfc } from '../lib/refs.ts';

/** A scope claim in a shape that grants nothing: the needed scopes nested, as an object, another type, or spelled wrong. */
type Shape = [label: string, scope: (needed: string[], others: string[]) => unknown];

const SHAPES: Shape[] = [
  ['nested arrays', (needed, others) => [[...others, ...needed]]],
  ['an object naming the scopes', (needed) => Object.fromEntries(needed.map((s) => [s, true]))],
  ['true', () => true],
  ['the number 1', () => 1],
  ['Unicode look-alikes', (needed, others) => [...others, ...needed.map(lookalike)].join(' ')],
  ['a NUL byte after each', (needed, others) => [...others, ...needed.map((s) => `${s}\u0000`)].join(' ')],
  ['tab-separated', (needed, others) => [UNRELATED_SCOPE, ...others, ...needed].join('\t')],
];

export default defineScenario({
  id: 'scope-shape',
  title: 'Scope in a shape that grants nothing: nested array, object, boolean, number, look-alike, NUL byte, tab-separated',
  category: 'scope',
  // Case and arrays are scope-tricks', null and empty scope-empty's; padding with spaces is valid once split on spaces.
  refs: [rfc(9068, '2.2.3'), rfc(6749, '3.3'), rfc(8693, '4.2')],
  expect: 'IS',
  auditCodes: ['ScopeMismatched'],
  resolution:
    'Accept scope only as a JSON string, split it on single spaces and compare each token exactly: never coerce another type with String(), match with a regular expression or normalise the scope tokens.',
  skip: skipUnscoped,
  async probes(ctx) {
    const needed = ctx.endpoint.scopes;
    const others = otherScopes(ctx);
    return Promise.all(
      SHAPES.map(async ([label, make]): Promise<ProbeSpec> => {
        const scope = make([...needed], others);
        return {
          label: `scope ${label}: ${JSON.stringify(scope)}`,
          credential: { kind: 'token', token: await ctx.forge({ claims: { scope } }) },
        };
      }),
    );
  },
  order: 40,
});
