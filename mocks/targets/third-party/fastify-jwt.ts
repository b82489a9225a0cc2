/**
 * Fastify with @fastify/jwt, verifying against the IdP's JWKS the way its README's "Verifying with
 * JWKS" section shows: get-jwks in the secret callback with `decode: { complete: true }`, plus
 * `verify: { allowedIss, allowedAud }` and get-jwks's `issuersWhitelist`, and the README's global
 * onRequest hook (`request.jwtVerify()`, `reply.send(err)`). The IdP publishes its JWKS at jwks_uri,
 * not /.well-known/jwks.json, so get-jwks is told to use discovery (`providerDiscovery`).
 *
 * @fastify/jwt has no scope check and its docs suggest none (beyond composing with @fastify/auth), so
 * /admin has the smallest hand-written one: the space-separated `scope` string must hold `admin`,
 * else 403 with an RFC 6750 insufficient_scope challenge. Scope findings are about that code, not the
 * library. Neither library introspects: revocation is invisible to it.
 */
import fastifyJwt from '@fastify/jwt';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import buildGetJwks from 'get-jwks';
import type { TargetEnv } from '../../../harness/core/target-env.ts';

/** What the secret callback gets with `decode: { complete: true }`. */
interface CompleteToken {
  header: { kid?: string; alg?: string };
  payload: { iss?: string };
}

/** request.user: the verified payload (only decoding is `complete`). */
interface Claims {
  scope?: unknown;
  sub?: unknown;
}

function requireScope(scope: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const granted = (request.user as Claims).scope;
    if (typeof granted === 'string' && granted.split(' ').includes(scope)) return;
    await reply
      .code(403)
      .header('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`)
      .send({ error: 'insufficient_scope' });
  };
}

export function fastifyJwtApp(env: TargetEnv): FastifyInstance {
  const app = Fastify();
  const getJwks = buildGetJwks({ issuersWhitelist: [env.issuer], providerDiscovery: true });
  app.register(fastifyJwt, {
    decode: { complete: true },
    secret: (_request: FastifyRequest, token: unknown) => {
      const {
        header: { kid, alg },
        payload: { iss },
      } = token as CompleteToken;
      return getJwks.getPublicKey({ kid, domain: iss as string, alg });
    },
    verify: { allowedIss: env.issuer, allowedAud: env.audience },
  });
  app.addHook('onRequest', async (request, reply) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      reply.send(err);
    }
  });
  app.get('/orders', async (request) => ({ ok: true, path: '/orders', sub: (request.user as Claims).sub }));
  app.get('/admin', { preHandler: requireScope('admin') }, async (request) => ({
    ok: true,
    path: '/admin',
    sub: (request.user as Claims).sub,
  }));
  return app;
}
