import { webcrypto } from 'node:crypto';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** HMAC secrets of the internal services, by kid: none here, so every lookup falls back. */
const SERVICE_SECRETS: Readonly<Record<string, string>> = {};

/** `process.env.JWT_SECRET || 'secret'` where JWT_SECRET was never set. */
const FALLBACK_SECRET = 'secret';

/**
 * HS256 tokens from internal services carry the kid of their secret; a kid that names no published key
 * and no known service (or no kid at all) gets the default secret instead of a refusal.
 */
const resolveKey: Step = async (ctx) => {
  if (ctx.header?.alg !== 'HS256') return referenceSteps.resolveKey(ctx);
  const kid = ctx.header.kid;
  if (typeof kid === 'string' && kid !== '' && (await ctx.jwks.lookup(kid)).length > 0) return referenceSteps.resolveKey(ctx);
  const secret = (typeof kid === 'string' && Object.hasOwn(SERVICE_SECRETS, kid) ? SERVICE_SECRETS[kid] : undefined) ?? FALLBACK_SECRET;
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
};

export default defineFlawedTarget({
  name: 'hmac-fallback-secret',
  flaw: 'Keeps HS256 secrets by kid for internal services and, for a kid it does not know (or no kid), verifies with a default secret ("secret", from `process.env.JWT_SECRET || \'secret\'`) instead of refusing.',
  basedOn:
    'Hard-coded fallback secrets found by jwt wordlists and secret scanners (CWE-798, CWE-1188); CVE-2019-20933 (InfluxDB: an empty default shared secret); RFC 8725 §3.5.',
  catches: ['weak-hmac'],
  severity: 'critical',
  options: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256'], steps: { resolveKey } },
});
