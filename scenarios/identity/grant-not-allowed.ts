import { defineScenario } from '../define.ts';
import { clientIdHeader, fixture, skipWithout } from '../lib/fixture.ts';
import { source } from '../lib/refs.ts';

export default defineScenario({
  id: 'grant-not-allowed',
  title: 'Token from a grant its client may not use',
  category: 'identity',
  refs: [source('login audit trail')],
  expect: 'IT',
  auditCodes: ['AuthorizationCodeGrantRequired'],
  resolution:
    'Check the grant a token came from against the grants its client is registered for, and reject others with 401 invalid_token.',
  skip: skipWithout('grantRestricted'),
  async probes(ctx) {
    // Client and grant claim change together: the fault is their combination, not either alone.
    const { clientId, claim, value } = fixture(ctx.config, 'grantRestricted');
    const token = await ctx.forge({ claims: { client_id: clientId, [claim]: value } });
    return { credential: { kind: 'token', token }, headers: clientIdHeader(ctx.config, clientId) };
  },
  order: 150,
});
