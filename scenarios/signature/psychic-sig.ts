import { b64url } from '../../mocks/idp/jws.ts';
import { defineScenario } from '../define.ts';
import { cve, cwe, rfc } from '../lib/refs.ts';

/** r = s = 0: the ES256 signature every input "matches" in a verifier that does not range-check r and s. */
const ZERO_SIGNATURE = b64url(new Uint8Array(64));

export default defineScenario({
  id: 'psychic-sig',
  title: 'ES256 "psychic signature": r = s = 0 under the trusted ES256 kid',
  category: 'signature',
  refs: [cve('2022-21449'), rfc(7518, '3.4'), cwe(347)],
  expect: 'IT',
  auditCodes: ['InvalidSignature'],
  resolution:
    'Use an ECDSA verifier that rejects r or s outside [1, n-1] (patch Java 15-18 to a fixed release), and reject such tokens with 401 invalid_token.',
  skip(_endpoint, config) {
    return config.idp.algs.includes('ES256') ? undefined : 'ES256 is not loaded; add it to idp.algs (--algs) to test ECDSA verification';
  },
  async probes(ctx) {
    const { kid } = ctx.idp.keys.activeKey('ES256');
    const token = await ctx.forge({ signWith: { kind: 'kid', kid }, finish: (t) => `${t.slice(0, t.lastIndexOf('.'))}.${ZERO_SIGNATURE}` });
    return { credential: { kind: 'token', token } };
  },
  order: 120,
});
