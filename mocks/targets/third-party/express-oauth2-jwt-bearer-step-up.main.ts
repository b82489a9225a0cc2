/**
 * auth0's express-oauth2-jwt-bearer 1.10.0 guarding step-up routes, started out of process by child.ts:
 * `auth({ issuerBaseURL, audience })` as its README's "Getting started" shows, then the library's own
 * claim helpers, as its README and API docs present them for a required claim value: on /admin
 * `requiredScopes('admin')`, `claimEquals('acr', 'phr')` and a `claimCheck` that the login
 * (`auth_time`) is at most 300 s old (the library's own `maxTokenAge` measures iat, not the login); on
 * /keys `claimIncludes('acr', 'phr')`. Express's default error handler, in production.
 */
import express from 'express';
import { auth, claimCheck, claimEquals, claimIncludes, requiredScopes } from 'express-oauth2-jwt-bearer';
import { announce, childEnv } from './child.ts';

export const STEP_UP_ACR = 'phr';
export const STEP_UP_MAX_AGE = 300;

const env = childEnv();
const app = express();
app.set('env', 'production');
app.use(auth({ issuerBaseURL: env.issuer, audience: env.audience }));
app.get('/orders', (req, res) => {
  res.json({ ok: true, path: '/orders', sub: req.auth?.payload.sub });
});
const recentLogin = claimCheck(
  (claims) => typeof claims.auth_time === 'number' && Date.now() / 1000 - claims.auth_time <= STEP_UP_MAX_AGE,
  'the login is too old',
);
app.get('/admin', requiredScopes('admin'), claimEquals('acr', STEP_UP_ACR), recentLogin, (req, res) => {
  res.json({ ok: true, path: '/admin', sub: req.auth?.payload.sub });
});
app.get('/keys', claimIncludes('acr', STEP_UP_ACR), (req, res) => {
  res.json({ ok: true, path: '/keys', sub: req.auth?.payload.sub });
});

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});
