import { defineScenario } from '../define.ts';
import { clientIdHeader, fixture, skipWithout } from '../lib/fixture.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'unknown-client',
  title: 'client_id of a client the API does not know',
  category: 'identity',
  refs: [source('login audit trail'), rfc(9068, '2.2')],
  expect: 'IT',
  auditCodes: ['InvalidIntegration'],
  resolution: "Look the token's client_id up in your own client registry and reject clients you have no record of with 401 invalid_token.",
  skip: skipWithout('unknownClient'),
  async probes(ctx) {
    const clientId = fixture(ctx.config, 'unknownClient');
    const token = await ctx.forge({ claims: { client_id: clientId } });
    return { credential: { kind: 'token', token }, headers: clientIdHeader(ctx.config, clientId) };
  },
  order: 100,
});
