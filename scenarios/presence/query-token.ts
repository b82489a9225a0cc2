import { defineScenario, type ProbeSpec } from '../define.ts';
import { isDefaultLocation } from '../lib/location.ts';
import { cwe, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'query-token',
  title: 'Valid token only in the query string (?access_token=) of an API that takes it elsewhere',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '2.3'), rfc(6750, '5.3'), cwe(598)],
  expect: 'REJECT',
  ifAccepted: { severity: 'major', means: 'a valid token sent in the query string' },
  resolution:
    'Do not read tokens from the query string (they end up in logs, history and Referer headers); answer such a request as one without credentials.',
  skip: (_endpoint, config) => (config.token.in === 'query' ? 'the API is configured to read tokens from the query string' : undefined),
  async probes(ctx) {
    const loc = ctx.config.token;
    const { token } = await ctx.forge();
    const names = new Set(['access_token']);
    // Gateways that let the user name the token element (the gateway messages) may accept that name in the query too.
    if (!isDefaultLocation(loc)) names.add(loc.name);
    return [...names].map((name): ProbeSpec => ({ label: `?${name}=`, credential: { kind: 'none' }, query: { [name]: token } }));
  },
  order: 90,
});
