import { defineScenario } from '../define.ts';
import { clientIdHeader, fixture, skipWithout } from '../lib/fixture.ts';
import { source } from '../lib/refs.ts';

export default defineScenario({
  id: 'blocked-client',
  title: 'client_id of a registered client that is blocked',
  category: 'identity',
  refs: [source('login audit trail')],
  expect: 'IT',
  auditCodes: ['IntegrationBlocked'],
  resolution:
    "Check the state of the token's client in your registry on every request and reject blocked clients with 401 invalid_token, whatever the token's lifetime left.",
  skip: skipWithout('blockedClient'),
  async probes(ctx) {
    const clientId = fixture(ctx.config, 'blockedClient');
    const token = await ctx.forge({ claims: { client_id: clientId } });
    return { credential: { kind: 'token', token }, headers: clientIdHeader(ctx.config, clientId) };
  },
  order: 110,
});
