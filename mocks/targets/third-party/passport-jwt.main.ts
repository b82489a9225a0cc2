/**
 * passport 0.7 with passport-jwt 4.0.1 and jwks-rsa 4.1.0 on Express 5, started out of process by
 * child.ts. The strategy is the one in jwks-rsa's Passport example (examples/passport-demo/README.md,
 * which EXAMPLES.md "Integrations" points to): `secretOrKeyProvider: passportJwtSecret({ cache: true,
 * rateLimit: true, jwksRequestsPerMinute: 5, jwksUri })`, `ExtractJwt.fromAuthHeaderAsBearerToken()`,
 * `audience`, `issuer`, `algorithms: ['RS256']`, and `app.use(passport.initialize())`. The verify
 * callback is the one in that example's server.js, which the README leaves out as `...`: it accepts a
 * payload with a `sub`. Routes use `passport.authenticate('jwt', { session: false })`, as
 * passport-jwt's README "Authenticate requests" shows. Neither README snippet adds an error handler,
 * so Express 5's default final handler is used.
 *
 * passport-jwt has no scope check, so /admin uses the smallest one (`scope.ts`) on `req.user`. Scope
 * findings are about that code.
 */
import express from 'express';
import jwksRsa from 'jwks-rsa';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, type VerifiedCallback } from 'passport-jwt';
import { announce, childEnv } from './child.ts';
import { requireScope } from './scope.ts';

const env = childEnv();

/** The example's verify: any authenticated token with a subject. */
const verify = (jwtPayload: { sub?: unknown }, done: VerifiedCallback): void => {
  if (jwtPayload && jwtPayload.sub) {
    done(null, jwtPayload);
    return;
  }
  done(null, false);
};

const app = express();
passport.use(
  new JwtStrategy(
    {
      secretOrKeyProvider: jwksRsa.passportJwtSecret({
        cache: true,
        rateLimit: true,
        jwksRequestsPerMinute: 5,
        jwksUri: env.jwksUri,
      }),
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      audience: env.audience,
      issuer: env.issuer,
      algorithms: ['RS256'],
    },
    verify,
  ),
);
app.use(passport.initialize());

const authenticate = passport.authenticate('jwt', { session: false });
app.get('/orders', authenticate, (req, res) => {
  res.json({ ok: true, path: '/orders', sub: (req.user as { sub?: unknown }).sub });
});
app.get(
  '/admin',
  authenticate,
  requireScope('admin', (req) => req.user),
  (req, res) => {
    res.json({ ok: true, path: '/admin', sub: (req.user as { sub?: unknown }).sub });
  },
);

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});
