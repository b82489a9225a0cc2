import { webcrypto } from 'node:crypto';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** jwt.io's sample secret, left in the config from the first tutorial. */
const DEV_SECRET = 'your-256-bit-secret';

const resolveKey: Step = async (ctx) => {
  if (ctx.header?.alg !== 'HS256') return referenceSteps.resolveKey(ctx);
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(DEV_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
};

export default defineFlawedTarget({
  name: 'dev-hmac-secret',
  flaw: 'Also accepts HS256 tokens signed with a development secret left in the configuration (jwt.io\'s "your-256-bit-secret"), beside the IdP\'s keys.',
  basedOn: 'CVE-2019-20933 (InfluxDB: empty shared secret) and the hard-coded sample secrets found by jwt wordlists (RFC 8725 §3.5).',
  catches: ['weak-hmac'],
  severity: 'critical',
  options: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256'], steps: { resolveKey } },
});
