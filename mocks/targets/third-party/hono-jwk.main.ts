/**
 * Child entry: Hono 4.13.19 with its built-in JWK Auth Middleware (`hono/jwk`), set up as the Hono
 * docs' "JWK Auth Middleware" page shows (Usage: `jwk({ jwks_uri, alg: ['RS256'] })`; Options:
 * `verification`, which checks `iss` and `aud` when given, so the middleware itself checks both and no
 * check after it is needed; plus `typ`, see below), served by @hono/node-server 2.1.8 as its README's Usage section does
 * (`serve({ fetch, port, hostname }, listener)`), with Hono's default error handler.
 *
 * The middleware has no scope check (the docs say to add one after `jwk()`), so /admin has the
 * smallest hand-written one (the space-separated `scope` string must hold `admin`, else 403 with an
 * RFC 6750 insufficient_scope challenge): scope findings are about that code. Nothing introspects.
 */
import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { jwk } from 'hono/jwk';
import { announce, childEnv } from './child.ts';

interface Claims {
  scope?: unknown;
  sub?: unknown;
}

/** What `jwk()` sets: the verified payload under `jwtPayload`. */
type Env = { Variables: { jwtPayload: Claims } };

function requireScope(scope: string): MiddlewareHandler<Env> {
  return async (c, next) => {
    const granted = c.get('jwtPayload').scope;
    if (typeof granted === 'string' && granted.split(' ').includes(scope)) return next();
    c.header('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
    return c.json({ error: 'insufficient_scope' }, 403);
  };
}

const env = childEnv();
const app = new Hono<Env>();

app.use(
  '/*',
  jwk({
    jwks_uri: env.jwksUri,
    alg: ['RS256'],
    // The IdP issues RFC 9068 access tokens (typ at+jwt). Left unset, `typ` must be JWT or absent, and
    // every such token is refused (the harness stops: "baseline rejected"): the option's own doc comment
    // names at+jwt for OAuth 2.0 access tokens. HONO_JWK_TYP=docs-default runs the docs' setup as is.
    verification: { iss: env.issuer, aud: env.audience, ...(process.env.HONO_JWK_TYP === 'docs-default' ? {} : { typ: 'at+jwt' }) },
  }),
);
app.get('/orders', (c) => c.json({ ok: true, path: '/orders', sub: c.get('jwtPayload').sub }));
app.get('/admin', requireScope('admin'), (c) => c.json({ ok: true, path: '/admin', sub: c.get('jwtPayload').sub }));

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  announce(`http://127.0.0.1:${info.port}`);
});
