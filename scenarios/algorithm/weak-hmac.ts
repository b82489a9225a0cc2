import { defineScenario } from '../define.ts';
import { cve, rfc } from '../lib/refs.ts';

/** Secrets that wordlists try first: empty (CVE-2019-20933), tutorial defaults, jwt.io's sample. */
const SECRETS = ['', 'secret', 'your-256-bit-secret', 'secretkey', 'secret123', 'password', 'changeme', 'jwt-secret', 'key', '123456'];

export default defineScenario({
  id: 'weak-hmac',
  title: 'HS256 signed with an empty or well-known secret',
  category: 'algorithm',
  refs: [rfc(8725, '3.5'), rfc(7518, '3.2'), cve('2019-20933')],
  expect: 'IT',
  // An API that does not take HS256 at all says UnsupportedAlgo, which is the better answer.
  auditCodes: ['InvalidSignature', 'UnsupportedAlgo'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    'Accept only the asymmetric algorithms your IdP signs with; if you must use HS256, use a random secret of at least 256 bits that is in no wordlist, and reject with 401 invalid_token.',
  async probes(ctx) {
    return Promise.all(
      SECRETS.map(async (secret) => ({
        label: secret === '' ? 'empty secret' : `secret "${secret}"`,
        credential: { kind: 'token' as const, token: await ctx.forge({ header: { alg: 'HS256' }, signWith: { kind: 'hmac', secret } }) },
      })),
    );
  },
});
