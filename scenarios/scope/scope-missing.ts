import { defineScenario } from '../define.ts';
import { otherScopes, skipUnscoped, UNRELATED_SCOPE } from '../lib/needs-scope.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'scope-missing',
  title: 'Valid token without the scope the endpoint needs',
  category: 'scope',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '3.1'), rfc(9068, '2.2.3'), source('gateway messages'), source('login audit trail')],
  expect: 'IS',
  auditCodes: ['ScopeMismatched'],
  resolution:
    'Check every scope the endpoint needs against the token\'s scope claim and answer 403 insufficient_scope with scope="…" when one is missing.',
  skip: skipUnscoped,
  async probes(ctx) {
    // Another scope stays, so the claim is not empty: an empty scope is scope-empty's case.
    const others = otherScopes(ctx);
    const scope = (others.length ? others : [UNRELATED_SCOPE]).join(' ');
    return { credential: { kind: 'token', token: await ctx.forge({ claims: { scope } }) } };
  },
  order: 10,
});
