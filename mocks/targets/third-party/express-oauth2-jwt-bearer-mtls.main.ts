/**
 * auth0's express-oauth2-jwt-bearer 1.10.0 behind mutual TLS, started out of process by child.ts: an
 * Express app served by Node's `https.createServer(options, app)` (Express's HTTPS set-up) that asks
 * every client for its certificate (`requestCert: true`, `rejectUnauthorized: false`: RFC 8705 §3
 * binds to the certificate, whoever issued it), `requiredScopes('admin')` on /admin. The library's
 * mTLS support is opt-in; GAUNTLET_MTLS picks the set-up:
 *   - `off`: stock `auth({ issuerBaseURL, audience })`, no `getCertificate` (mTLS validation off);
 *   - `on`: plus `getCertificate: (req) => req.socket.getPeerCertificate()?.raw || undefined`, as its
 *     EXAMPLES.md shows for a Node process terminating TLS itself (cert-bound and plain Bearer both taken);
 *   - `required`: plus `mtls: { enabled: true, required: true }` (EXAMPLES.md: every token cert-bound).
 * The server certificate and key come from the parent.
 */
import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { announce, childEnv } from './child.ts';

const env = childEnv();
const mode = process.env.GAUNTLET_MTLS ?? 'off';
const app = express();
app.use(
  auth({
    issuerBaseURL: env.issuer,
    audience: env.audience,
    ...(mode === 'off' ? {} : { getCertificate: (req) => (req.socket as TLSSocket).getPeerCertificate()?.raw || undefined }),
    ...(mode === 'required' ? { mtls: { enabled: true, required: true } } : {}),
  }),
);
app.get('/orders', (req, res) => {
  res.json({ ok: true, path: '/orders', sub: req.auth?.payload.sub });
});
app.get('/admin', requiredScopes('admin'), (req, res) => {
  res.json({ ok: true, path: '/admin', sub: req.auth?.payload.sub });
});

const server = createServer(
  { key: process.env.GAUNTLET_TLS_KEY, cert: process.env.GAUNTLET_TLS_CERT, requestCert: true, rejectUnauthorized: false },
  app,
);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  announce(`https://127.0.0.1:${port}`);
});
