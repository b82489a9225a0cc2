import { defineScenario } from '../define.ts';
import { fixture, skipWithout } from '../lib/fixture.ts';
import { source } from '../lib/refs.ts';

export default defineScenario({
  id: 'feature-disabled',
  title: 'Token of a tenant that has token authentication switched off',
  category: 'identity',
  refs: [source('login audit trail')],
  expect: 'IT',
  auditCodes: ['FeatureDisabled'],
  resolution: "Honour a tenant's switch for token authentication: reject its tokens with 401 invalid_token while the feature is off.",
  skip: skipWithout('disabledTenant'),
  async probes(ctx) {
    const { claim, value } = fixture(ctx.config, 'disabledTenant');
    const token = await ctx.forge({ claims: { [claim]: value } });
    return { credential: { kind: 'token', token } };
  },
  order: 140,
});
