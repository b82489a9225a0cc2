/**
 * An API gateway in the style of the gateway messages, judged by the gateway-messages profile:
 *   npx gauntlet run --config scenarios/profiles/gateway-messages.config.example.ts
 * It starts the bundled gateway mock (mocks/targets/gateway); for your own gateway, replace `target`
 * with its URL (`target: 'https://gateway.example.test'`) and `fixtures` with identities it knows.
 * The token location and the client id header are config, not profile: the profile says what the
 * answers look like, this file says where the credentials go.
 */
import { defineConfig } from '../../harness/define-config.ts';
import { startGatewayApi } from '../../mocks/targets/gateway/index.ts';
import { directoryFor, FIXTURES } from '../../mocks/targets/reference/gauntlet.config.ts';

export default defineConfig({
  target: {
    start: (env) =>
      startGatewayApi({
        issuer: env.issuer,
        jwksUri: env.jwksUri,
        audience: env.audience,
        introspection: env.introspection,
        directory: directoryFor(env.introspection.clientId),
      }),
  },
  audience: 'https://api.example.test',
  endpoints: ['GET /orders', 'GET /admin admin'],
  profile: 'gateway-messages',
  // The gateway documentation: the raw token in an `access_token` header, no scheme.
  token: { in: 'header', name: 'access_token' },
  // The gateway documentation: the caller's client id in a `client_id` header, which must name the token's client.
  clientIdHeader: 'client_id',
  fixtures: FIXTURES,
});
