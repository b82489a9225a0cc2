import { defineScenario } from '../define.ts';
import { describeLocation, isDefaultLocation } from '../lib/location.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'custom-location',
  title: 'Valid token in the configured location (a named header, cookie, query or form field)',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [source('gateway messages'), rfc(6750, '2')],
  expect: 'OK',
  resolution:
    'Accept a valid token in the location your API documents (the one this run is configured with): every other scenario is sent there, so a refusal here voids their verdicts.',
  skip: (_endpoint, config) =>
    isDefaultLocation(config.token) ? `the API reads tokens from ${describeLocation(config.token)}, the default` : undefined,
  async probes(ctx) {
    return { label: describeLocation(ctx.config.token), credential: { kind: 'token', token: await ctx.forge() } };
  },
  order: 100,
});
