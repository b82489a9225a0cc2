import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';
import { noResource, resourceOf } from './metadata.ts';

export default defineScenario({
  id: 'audience-resource',
  title: 'A token whose audience is another resource: the authorization server, another path on this host, this path on another host',
  category: 'discovery',
  refs: [
    rfc(8707, '2'),
    rfc(9068, '4'),
    source('MCP authorization §2.5 (token audience binding)source('),
    source(')MCP security best practices (token passthrough)'),
  ],
  expect: 'IT',
  auditCodes: ['InvalidAudience'],
  resolution:
    'Accept only tokens whose `aud` is your canonical resource identifier (RFC 8707); a token issued for the authorization server or another API is not yours, and forwarding or accepting it is token passthrough.',
  skip: noResource,
  probes: async (ctx) => {
    const resource = new URL(resourceOf(ctx.config)!);
    const variants: Array<[string, string]> = [
      ['audience the authorization server', ctx.fault.issuer],
      ['audience another path on this host', new URL('/gauntlet-upstream-api', resource).href],
      ['audience this path on another host', `https://upstream.gauntlet.invalid${resource.pathname}`],
    ];
    return Promise.all(
      variants.map(async ([label, aud]) => ({
        label,
        credential: { kind: 'token' as const, token: await ctx.forge({ claims: { aud } }) },
      })),
    );
  },
});
