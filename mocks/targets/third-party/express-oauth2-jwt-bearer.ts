/**
 * auth0's express-oauth2-jwt-bearer, set up as its README's "Getting started" shows for a resource
 * server: `auth({ issuerBaseURL, audience })` on every route (discovery finds the JWKS), and the
 * library's own `requiredScopes` on /admin. Nothing else is configured, so the findings are the
 * library's defaults. It has no introspection: revocation is invisible to it.
 */
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import type { TargetEnv } from '../../../harness/core/target-env.ts';

export function expressOauth2JwtBearerApp(env: TargetEnv): express.Express {
  const app = express();
  // Express's default error handler (which the README relies on) writes err.stack in development; production is how an API is deployed.
  app.set('env', 'production');
  app.use(auth({ issuerBaseURL: env.issuer, audience: env.audience }));
  app.get('/orders', (req, res) => {
    res.json({ ok: true, path: '/orders', sub: req.auth?.payload.sub });
  });
  app.get('/admin', requiredScopes('admin'), (req, res) => {
    res.json({ ok: true, path: '/admin', sub: req.auth?.payload.sub });
  });
  return app;
}
