import { defineScenario } from '../define.ts';
import { skipUnscoped } from '../lib/needs-scope.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'scope-empty',
  title: 'scope claim present but empty',
  category: 'scope',
  refs: [source('login audit trail'), rfc(9068, '2.2.3'), rfc(6750, '3.1')],
  expect: ['IS', 'IT'],
  auditCodes: ['InvalidScope'],
  resolution:
    'Treat an empty scope claim as granting nothing: answer 403 insufficient_scope (or 401 invalid_token) on every endpoint that needs a scope.',
  skip: skipUnscoped,
  async probes(ctx) {
    return { credential: { kind: 'token', token: await ctx.forge({ claims: { scope: '' } }) } };
  },
  order: 20,
});
