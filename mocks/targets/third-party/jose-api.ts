/**
 * The smallest real API: node:http and jose's `jwtVerify` against the IdP's remote JWKS, as jose's
 * README shows it, with the options a test passes straight through (clockTolerance, algorithms, typ,
 * maxTokenAge...). It validates locally and never introspects. 401 with an RFC 6750 invalid_token
 * challenge for any token jose refuses, 401 without error code when there is no Bearer token.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import { serveOnLoopback, type Listening } from '../loopback.ts';

export type JoseApiOptions = Omit<JWTVerifyOptions, 'issuer' | 'audience'>;

export function startJoseApi(env: TargetEnv, options: JoseApiOptions = {}): Promise<Listening> {
  const jwks = createRemoteJWKSet(new URL(env.jwksUri));
  return serveOnLoopback((req, res) => {
    const token = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="api"' }).end();
      return;
    }
    jwtVerify(token, jwks, { issuer: env.issuer, audience: env.audience, ...options }).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
      () => res.writeHead(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }).end(),
    );
  });
}
