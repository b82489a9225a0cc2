/**
 * Ask the IdP about a token. Anything but a well-formed answer in time throws IdpUnavailable, so the
 * API fails closed instead of trusting a token it could not check. With `response: 'jwt'` the answer is
 * asked for as an RFC 9701 JWT and verified with jose: signed by a key of the IdP's JWKS, `iss` the
 * IdP, `aud` our client id, `iat` within the leeway.
 * @see RFC 7662 §2.1, §2.2, RFC 9701 §4, §5
 */
import { decodeProtectedHeader, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { JwksCache } from './jwks.ts';
import type { IntrospectionOptions } from './options.ts';
import { IdpUnavailable } from './rejection.ts';

/** RFC 9701 §4. */
const JWT_TYPE = 'application/token-introspection+jwt';

/** A JWT answer that fails its checks: not the IdP's word, so the token is not shown active (401 invalid_token, not an outage). */
export class UntrustedAnswer extends Error {}

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding. */
function basicAuth(clientId: string, clientSecret: string): string {
  const enc = (s: string): string => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}

/** What the checks of a JWT answer need beside the options: the IdP's keys, now, the leeway; and which checks to leave out (flawed variants). */
export interface JwtAnswerContext {
  issuer: string;
  jwks: JwksCache;
  now: number;
  leeway: number;
  algorithms: readonly string[];
  skip?: { signature?: boolean; audience?: boolean; freshness?: boolean };
}

/** The RFC 7662 answer: a JSON object (from the body, or from a verified JWT's token_introspection). */
export async function introspect(
  token: string,
  opts: IntrospectionOptions,
  timeoutMs: number,
  jwt?: JwtAnswerContext,
): Promise<Record<string, unknown>> {
  const asJwt = opts.response === 'jwt' && jwt !== undefined;
  let text: string;
  let type: string;
  try {
    const response = await fetch(opts.endpoint, {
      method: 'POST',
      headers: {
        authorization: basicAuth(opts.clientId, opts.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        accept: asJwt ? JWT_TYPE : 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    text = await response.text();
  } catch (err) {
    throw new IdpUnavailable('IntrospectionUnavailable', `introspection failed: ${(err as Error).message}`, { cause: err });
  }
  if (asJwt) {
    if (type !== JWT_TYPE)
      throw new IdpUnavailable('IntrospectionUnavailable', `introspection answered ${type || 'no type'}, not ${JWT_TYPE}`);
    return verifyJwtAnswer(text, opts, jwt);
  }
  if (type !== 'application/json')
    throw new IdpUnavailable('IntrospectionUnavailable', `introspection answered ${type || 'no type'}, not JSON`);
  return parseObject(text);
}

function parseObject(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new IdpUnavailable('IntrospectionUnavailable', 'introspection answer is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new IdpUnavailable('IntrospectionUnavailable', 'introspection answer is not a JSON object');
  return body as Record<string, unknown>;
}

/** RFC 9701 §5: typ token-introspection+jwt, signed by the IdP, for us, fresh; its token_introspection is the answer. */
async function verifyJwtAnswer(jwt: string, opts: IntrospectionOptions, ctx: JwtAnswerContext): Promise<Record<string, unknown>> {
  const refuse = (why: string): never => {
    throw new UntrustedAnswer(`introspection JWT refused: ${why}`);
  };
  const checks: JWTVerifyOptions = {
    issuer: ctx.issuer,
    typ: 'token-introspection+jwt',
    algorithms: [...ctx.algorithms],
    currentDate: new Date(ctx.now * 1000),
    clockTolerance: ctx.leeway,
    requiredClaims: ['iat'],
    ...(ctx.skip?.audience ? {} : { audience: opts.clientId }),
    ...(ctx.skip?.freshness ? {} : { maxTokenAge: ctx.leeway }),
  };
  let payload: Record<string, unknown>;
  try {
    if (ctx.skip?.signature) {
      // The flaw: the payload read as if the signature had been checked.
      payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      const { aud, iat } = payload;
      if (payload.iss !== ctx.issuer) refuse('iss');
      if (!ctx.skip.audience && aud !== opts.clientId && !(Array.isArray(aud) && aud.includes(opts.clientId))) refuse('aud');
      if (!ctx.skip.freshness && (typeof iat !== 'number' || Math.abs(ctx.now - iat) > ctx.leeway)) refuse('iat');
    } else {
      const header = decodeProtectedHeader(jwt);
      const kid = typeof header.kid === 'string' ? header.kid : refuse('no kid');
      const jwk = (await ctx.jwks.lookup(kid)).find((k) => k.alg === header.alg) ?? refuse('no such key');
      const key = await ctx.jwks.importKey(jwk, String(header.alg));
      payload = (await jwtVerify(jwt, key, checks)).payload as Record<string, unknown>;
    }
  } catch (err) {
    if (err instanceof UntrustedAnswer || err instanceof IdpUnavailable) throw err;
    refuse((err as Error).message);
  }
  const answer = payload!.token_introspection;
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) refuse('no token_introspection object');
  return answer as Record<string, unknown>;
}

/** RFC 7662 §2.2: `active` is a boolean; anything else is no answer. */
export function activeOf(answer: Record<string, unknown>): boolean {
  if (typeof answer.active !== 'boolean')
    throw new IdpUnavailable('IntrospectionUnavailable', 'introspection answer has no boolean "active"');
  return answer.active;
}

/** Whether the IdP calls a token active (the revocation check of a JWT the API validated itself). */
export async function isActive(token: string, opts: IntrospectionOptions, timeoutMs: number): Promise<boolean> {
  return activeOf(await introspect(token, opts, timeoutMs));
}
