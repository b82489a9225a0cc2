/**
 * An API gateway in the style of seed 001, judged by the gateway-seed001 profile:
 *   npx gauntlet run --config scenarios/profiles/gateway-seed001.config.example.ts
 * It starts the bundled gateway mock (mocks/targets/gateway); for your own gateway, replace `target`
 * with its URL (`target: 'https://gateway.example.test'`) and `fixtures` with identities it knows.
 * The token location and the client id header are config, not profile: the profile says what the
 * answers look like, this file says where the credentials go.
 */
import { defineConfig } from '../../harness/config.ts';
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
  profile: 'gateway-seed001',
  // Seed 001: the raw token in an `access_token` header, no scheme.
  token: { in: 'header', name: 'access_token' },
  // Seed 001: the caller's client id in a `client_id` header, which must name the token's client.
  clientIdHeader: 'client_id',
  fixtures: FIXTURES,
});
