/**
 * `npm start`: the whole gauntlet against the bundled reference API. The harness starts the mock IdP,
 * then the reference API on a real port configured to trust it, then runs every scenario.
 */
import { defineConfig } from '../../../harness/config.ts';
import { startReferenceApi } from './app.ts';

export default defineConfig({
  target: {
    start: (env) =>
      startReferenceApi({
        issuer: env.issuer,
        jwksUri: env.jwksUri,
        audience: env.audience,
        introspection: env.introspection,
      }),
  },
  audience: 'https://api.example.test',
  endpoints: ['GET /orders', 'GET /admin admin'],
});
