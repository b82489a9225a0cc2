/**
 * auth0's express-oauth2-jwt-bearer 1.10.0 with DPoP required, started out of process by child.ts:
 * `auth({ issuerBaseURL, audience, dpop: { enabled: true, required: true } })`, the "DPoP-only"
 * setup of its README's "DPoP Authentication" section and EXAMPLES.md, every other option at its
 * default, the library's `requiredScopes` on /admin, Express's default error handler.
 */
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { announce, childEnv } from './child.ts';

const env = childEnv();
const app = express();
app.use(auth({ issuerBaseURL: env.issuer, audience: env.audience, dpop: { enabled: true, required: true } }));
app.get('/orders', (req, res) => {
  res.json({ ok: true, path: '/orders', sub: req.auth?.payload.sub });
});
app.get('/admin', requiredScopes('admin'), (req, res) => {
  res.json({ ok: true, path: '/admin', sub: req.auth?.payload.sub });
});

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});
