import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';
import { checkMetadata, noResource, resourceOf, wellKnownPath } from './metadata.ts';

const METHODS = { header: 'header', form: 'body', query: 'query' } as const;

export default defineScenario({
  id: 'resource-metadata',
  title: 'The protected resource metadata (/.well-known/oauth-protected-resource[/path]) says what the API does',
  category: 'discovery',
  refs: [rfc(9728, '2'), rfc(9728, '3'), source('MCP authorization §2.3')],
  expect: 'OK',
  resolution:
    'Serve RFC 9728 metadata at the well-known URL derived from your resource identifier: JSON with `resource` equal to that identifier, `authorization_servers` naming the issuer you trust, and the scopes and bearer methods you really use.',
  skip: noResource,
  probes: async (ctx) => {
    const resource = resourceOf(ctx.config)!;
    return {
      label: `GET ${wellKnownPath(resource)}`,
      credential: { kind: 'none' },
      path: wellKnownPath(resource),
      binding: { kind: 'none' },
    };
  },
  async inspect(ctx, obs) {
    if (obs.status < 200 || obs.status > 299) return [];
    const loc = ctx.config.token;
    return checkMetadata(obs.body, obs.headers['content-type'], {
      resource: resourceOf(ctx.config)!,
      issuer: ctx.fault.issuer,
      scopes: [...new Set(ctx.config.endpoints.flatMap((e) => e.scopes))],
      bearerMethod: loc.in === 'cookie' ? undefined : METHODS[loc.in],
      dpop: ctx.config.tokenType === 'dpop',
    });
  },
});
