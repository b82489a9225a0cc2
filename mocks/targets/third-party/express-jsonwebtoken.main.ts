/**
 * A stock Express 5 app verifying RS256 tokens with jsonwebtoken 9.0.3 and jwks-rsa 4.1.0, started
 * out of process by child.ts. The key lookup follows jwks-rsa's README, sections "Configure the
 * client" (`jwksClient({ jwksUri })`) and "Retrieve a key" (`await client.getSigningKey(kid)`, then
 * `key.getPublicKey()`). The key goes to `jwt.verify(token, key, { issuer, audience, algorithms })`.
 *
 * Neither library reads a request, so the middleware is ours and as small as we could make it:
 * it takes the token after `Bearer` and one or more spaces (RFC 6750 §2.1, scheme case-insensitive),
 * and answers a request without one with 401 and a bare Bearer challenge. Anything thrown while
 * looking up the key or verifying goes to Express 5's default final handler, which is what an
 * async middleware that does not catch gets. No error handler is added, because neither README
 * adds one. /admin uses the smallest scope check, also ours. Findings about how the header is read,
 * about the challenge and about scope are about this code. Findings about which tokens get through
 * are about the libraries.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import { announce, childEnv } from './child.ts';
import { requireScope } from './scope.ts';

const env = childEnv();
const client = jwksClient({ jwksUri: env.jwksUri });

const BEARER = /^Bearer +(\S+)$/i;

async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) {
    res.status(401).set('WWW-Authenticate', 'Bearer').end();
    return;
  }
  const kid = jwt.decode(token, { complete: true })?.header.kid;
  const key = await client.getSigningKey(kid);
  res.locals.claims = jwt.verify(token, key.getPublicKey(), { issuer: env.issuer, audience: env.audience, algorithms: ['RS256'] });
  next();
}

const app = express();
app.use(authenticate);
app.get('/orders', (_req, res) => {
  res.json({ ok: true, path: '/orders', sub: (res.locals.claims as JwtPayload).sub });
});
app.get(
  '/admin',
  requireScope('admin', (_req, res) => res.locals.claims),
  (_req, res) => {
    res.json({ ok: true, path: '/admin', sub: (res.locals.claims as JwtPayload).sub });
  },
);

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});
