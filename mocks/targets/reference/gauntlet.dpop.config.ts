/**
 * The reference API taking only DPoP-bound tokens (a server nonce, oauth4webapi for the proofs) and
 * publishing RFC 9728 metadata: the whole catalogue sent as DPoP, the binding and discovery
 * scenarios judged.
 *
 *   npx gauntlet run --config mocks/targets/reference/gauntlet.dpop.config.ts
 */
import { defineConfig } from '../../../harness/define-config.ts';
import { startReferenceApi } from './app.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY, referenceFor } from './gauntlet.config.ts';

const AUDIENCE = 'https://api.example.test';

export default defineConfig({
  target: { start: (env) => startReferenceApi(referenceFor(env, { dpop: { nonce: true }, resourceMetadata: { resource: env.audience } })) },
  audience: AUDIENCE,
  resource: AUDIENCE,
  tokenType: 'dpop',
  endpoints: ['GET /orders', 'GET /admin admin'],
  clientIdHeader: CLIENT_ID_HEADER,
  fixtures: FIXTURES,
  policy: REFERENCE_POLICY,
});
