/**
 * Child entry: Koa 3 with koa-jwt 4.0.4 and jwks-rsa 4.1.0's `koaJwtSecret`, set up exactly as
 * jwks-rsa's "Koa Example" (examples/koa-demo/README.md, which koa-jwt's README also points to in its
 * JWKS paragraph): `koaJwtSecret({ cache: true, rateLimit: true, jwksRequestsPerMinute: 2, jwksUri })`
 * with `audience`, `issuer` and `algorithms: ['RS256']`, then a router mounted with
 * `router.middleware()`. Koa's own error handling answers (no custom 401 middleware), and the server
 * is Koa's `app.listen`. The IdP publishes its JWKS at jwks_uri, which is passed as is.
 *
 * koa-jwt has no scope check, so /admin has the smallest hand-written one (the space-separated
 * `scope` string must hold `admin`, else 403 with an RFC 6750 insufficient_scope challenge): scope
 * findings are about that code. Nothing here introspects: revocation is invisible.
 */
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import { koaJwtSecret } from 'jwks-rsa';
import Koa, { type Middleware } from 'koa';
import jwt from 'koa-jwt';
import { announce, childEnv } from './child.ts';

interface Claims {
  scope?: unknown;
  sub?: unknown;
}

function requireScope(scope: string): Middleware {
  return async (ctx, next) => {
    const granted = (ctx.state.user as Claims).scope;
    if (typeof granted === 'string' && granted.split(' ').includes(scope)) return next();
    ctx.status = 403;
    ctx.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
    ctx.body = { error: 'insufficient_scope' };
  };
}

const env = childEnv();
const app = new Koa();

app.use(
  jwt({
    secret: koaJwtSecret({
      cache: true,
      rateLimit: true,
      jwksRequestsPerMinute: 2,
      jwksUri: env.jwksUri,
    }),
    audience: env.audience,
    issuer: env.issuer,
    algorithms: ['RS256'],
  }),
);

const router = new Router();
router.get('/orders', (ctx) => {
  ctx.body = { ok: true, path: '/orders', sub: (ctx.state.user as Claims).sub };
});
router.get('/admin', requireScope('admin'), (ctx) => {
  ctx.body = { ok: true, path: '/admin', sub: (ctx.state.user as Claims).sub };
});
app.use(router.middleware());

const server = app.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
