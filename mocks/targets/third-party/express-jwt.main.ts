/**
 * express-jwt 8.5.1 with jwks-rsa 4.1.0 on Express 5, started out of process by child.ts.
 * `expressjwt({ secret: expressJwtSecret({ cache, rateLimit, jwksRequestsPerMinute: 5, jwksUri }),
 * audience, issuer, algorithms: ['RS256'] })` on every route is what jwks-rsa's Express example
 * (examples/express-demo/README.md, which EXAMPLES.md "Integrations" points to) shows. The named
 * import and `req.auth` follow express-jwt's README "Usage" and "Typescript" sections. The error
 * handler is the one from express-jwt's README "Error handling" section: 401 "invalid token..." for
 * an UnauthorizedError, anything else to Express 5's default final handler.
 *
 * express-jwt has no scope check (its README points to express-jwt-permissions), so /admin uses
 * the smallest one (`scope.ts`). Scope findings are about that code.
 */
import express, { type NextFunction, type Request as ExpressRequest, type Response } from 'express';
import { expressjwt, type GetVerificationKey, type Request } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import { announce, childEnv } from './child.ts';
import { requireScope } from './scope.ts';

const env = childEnv();

const app = express();
app.use(
  expressjwt({
    // jwks-rsa types the provider for express-jwt 6 and 7 at once; express-jwt 8 takes the 7 shape.
    secret: jwksRsa.expressJwtSecret({
      cache: true,
      rateLimit: true,
      jwksRequestsPerMinute: 5,
      jwksUri: env.jwksUri,
    }) as GetVerificationKey,
    audience: env.audience,
    issuer: env.issuer,
    algorithms: ['RS256'],
  }),
);
app.get('/orders', (req: Request, res: Response) => {
  res.json({ ok: true, path: '/orders', sub: req.auth?.sub });
});
app.get(
  '/admin',
  requireScope('admin', (req) => (req as Request).auth),
  (req: Request, res: Response) => {
    res.json({ ok: true, path: '/admin', sub: req.auth?.sub });
  },
);
app.use((err: Error, _req: ExpressRequest, res: Response, next: NextFunction) => {
  if (err.name === 'UnauthorizedError') {
    res.status(401).send('invalid token...');
  } else {
    next(err);
  }
});

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});
