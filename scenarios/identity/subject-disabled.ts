import { defineScenario } from '../define.ts';
import { fixture, skipWithout } from '../lib/fixture.ts';
import { source } from '../lib/refs.ts';

export default defineScenario({
  id: 'subject-disabled',
  title: 'sub of a disabled entity, contact or role',
  category: 'identity',
  refs: [source('login audit trail')],
  expect: 'IT',
  auditCodes: ['EntityOrRoleDisabled'],
  resolution:
    "Check that the token's subject is still active in your records on every request and reject disabled ones with 401 invalid_token.",
  skip: skipWithout('disabledSubject'),
  async probes(ctx) {
    const token = await ctx.forge({ claims: { sub: fixture(ctx.config, 'disabledSubject') } });
    return { credential: { kind: 'token', token } };
  },
  order: 130,
});
