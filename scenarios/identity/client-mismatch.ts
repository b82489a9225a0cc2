import { defineScenario } from '../define.ts';
import { source } from '../lib/refs.ts';

const NEEDS = 'set clientIdHeader in the config (the header your API reads a client id from)';

export default defineScenario({
  id: 'client-mismatch',
  title: "Client id sent by the caller differs from the token's client_id",
  category: 'identity',
  formats: ['jwt', 'opaque'],
  refs: [source('gateway messages'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['ClientIdMismatch'],
  resolution:
    "Compare the client id the caller sends with the token's client_id and reject the request with 401 invalid_token when they differ.",
  skip: (_endpoint, config) => (config.clientIdHeader ? undefined : NEEDS),
  async probes(ctx) {
    const header = ctx.config.clientIdHeader;
    if (!header) throw new Error(NEEDS);
    // Shaped like the baseline's id, so only the mismatch (not the id's form) can be the reason to refuse.
    return { credential: { kind: 'token', token: await ctx.forge() }, headers: { [header]: `${ctx.fault.clientId}-other` } };
  },
  order: 120,
});
