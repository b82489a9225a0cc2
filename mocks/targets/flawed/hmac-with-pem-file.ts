import { createPublicKey, webcrypto, type JsonWebKey } from 'node:crypto';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/**
 * `jwt.verify(token, publicPem)` in jsonwebtoken before 4.2.2: the header's alg decides, and for HS*
 * the PEM text becomes the HMAC secret. The PEM is what the app holds: the key as a file, or
 * jwks-rsa's `getPublicKey()`, both `KeyObject.export()` text, which ends in a newline.
 */
const resolveKey: Step = async (ctx) => {
  const alg = String(ctx.header?.alg);
  const bits = /^HS(256|384|512)$/.exec(alg)?.[1];
  if (!bits) return referenceSteps.resolveKey(ctx);
  const kid = ctx.header?.kid;
  if (typeof kid !== 'string' || kid === '') return invalidToken('MissingKeyId');
  const [jwk] = await ctx.jwks.lookup(kid);
  if (!jwk) return invalidToken('MissingKey');
  const { kid: _k, alg: _a, use: _u, x5c: _x, ...bare } = jwk;
  const pem = createPublicKey({ key: bare as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(pem), { name: 'HMAC', hash: `SHA-${bits}` }, false, [
    'verify',
  ]);
};

export default defineFlawedTarget({
  name: 'hmac-with-pem-file',
  flaw: 'Verifies with the PEM text of the key the kid names, exactly as a .pem file or jwks-rsa getPublicKey() holds it (final newline included), and lets the header pick HS256/384/512, which then uses that text as the HMAC secret.',
  basedOn:
    'jsonwebtoken < 4.2.2 (CVE-2015-9235) given a PEM string, as in `jwt.verify(token, fs.readFileSync("public.pem"))`; the same class in jwt-simple < 0.3.1 (CVE-2016-10555), PyJWT < 2.4.0 (CVE-2022-29217).',
  catches: ['alg-confusion'],
  severity: 'critical',
  options: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256', 'HS384', 'HS512'], steps: { resolveKey } },
});
