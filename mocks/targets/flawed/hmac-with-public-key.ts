import { webcrypto } from 'node:crypto';
import { exportSPKI, importJWK } from 'jose';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/**
 * For HS* the header decides how the key is used: the published public key, as PEM text, becomes the
 * HMAC secret. Anyone can download that PEM and sign with it.
 */
const resolveKey: Step = async (ctx) => {
  const alg = String(ctx.header?.alg);
  if (!alg.startsWith('HS')) return referenceSteps.resolveKey(ctx);
  const kid = ctx.header?.kid;
  if (typeof kid !== 'string' || kid === '') return invalidToken('MissingKeyId');
  const [jwk] = await ctx.jwks.lookup(kid);
  if (!jwk) return invalidToken('MissingKey');
  const pem = await exportSPKI((await importJWK(jwk, jwk.alg, { extractable: true })) as CryptoKey);
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(pem), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
};

export default defineFlawedTarget({
  name: 'hmac-with-public-key',
  flaw: 'Lets the token header pick HS256 and then uses the trusted public key (as PEM) as the HMAC secret: one flaw (the key is not bound to its algorithm) that needs HS256 in the allowlist and the key lookup to hand the public key to HMAC.',
  basedOn: 'CVE-2015-9235 (jsonwebtoken < 4.2.2) and CVE-2016-10555 (jwt-simple): algorithm confusion, RFC 8725 §3.2.',
  catches: ['alg-confusion'],
  severity: 'critical',
  options: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256'], steps: { resolveKey } },
});
