import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';
import { noResource, resourceOf, wellKnownUrl } from './metadata.ts';

export default defineScenario({
  id: 'resource-metadata-challenge',
  title: 'A 401 challenge carries resource_metadata pointing at the protected resource metadata',
  category: 'discovery',
  refs: [rfc(9728, '5.1'), source('MCP authorization §2.3.1')],
  expect: 'NC',
  resolution:
    'Add `resource_metadata="<the well-known metadata URL>"` to the WWW-Authenticate challenge of every 401, so a client that has no token yet can find the authorization server (RFC 9728 §5.1).',
  skip: noResource,
  probes: async (ctx) => [
    { label: 'no credentials', credential: { kind: 'none' } },
    {
      label: 'an expired token',
      credential: { kind: 'token', token: await ctx.forge({ claims: { exp: ctx.fault.now - 3600, iat: ctx.fault.now - 3900 } }) },
      expect: 'IT',
    },
  ],
  async inspect(ctx, obs) {
    if (obs.status !== 401) return [];
    const expected = wellKnownUrl(resourceOf(ctx.config)!);
    const given = obs.challenges.map((c) => c.params.resource_metadata).find((v) => v !== undefined);
    if (given === undefined) {
      return [
        { check: 'challenge', severity: 'minor', message: `the 401 challenge has no resource_metadata="${expected}" (RFC 9728 §5.1)` },
      ];
    }
    if (given !== expected) {
      return [
        {
          check: 'challenge',
          severity: 'minor',
          message: `resource_metadata is "${given}", not the metadata URL of the resource, "${expected}" (RFC 9728 §3.1, §5.1)`,
        },
      ];
    }
    return [];
  },
});
