import { deflateRawSync } from 'node:zlib';
import { CompactSign } from 'jose';
import { defineScenario, type ProbeSpec } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { cve, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'header-shape',
  title: 'JOSE header tricks on a correctly signed token: alg as an array or empty, a zip-compressed payload, b64 false',
  category: 'signature',
  // zip is a JWE parameter (RFC 7516 §4.1.3), never a JWS one; b64 false (RFC 7797) must be understood
  // or refused through crit. The reference refuses all; a validator that inflates a zip payload accepts it.
  refs: [rfc(7515, '4.1.1'), rfc(7516, '4.1.3'), rfc(7797, '6'), rfc(8725, '3.11'), cve('2024-28176')],
  expect: 'IT',
  resolution:
    'Require alg to be one allowed string, refuse a JWS with a zip header (never inflate a signed payload: it is a decompression bomb waiting) and refuse b64 or any crit you do not implement, with 401 invalid_token.',
  async probes(ctx) {
    const alg = ctx.idp.minter.shape.alg;
    const variants: Array<[string, Forgery]> = [
      ['alg as an array', { header: { alg: [alg] } }],
      ['alg empty', { header: { alg: '' } }],
      ['b64 false (crit b64), payload still base64url', { header: { b64: false, crit: ['b64'] } }],
    ];
    const specs = await Promise.all(
      variants.map(async ([label, forgery]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
    // The claims deflated and signed by the trusted key: only an API that inflates JWS payloads can read them.
    const { header, claims } = await ctx.forge();
    const key = ctx.idp.keys.activeKey(ctx.idp.minter.shape.alg);
    const zipped = await new CompactSign(deflateRawSync(JSON.stringify(claims)))
      .setProtectedHeader({ ...header, alg: key.alg, kid: key.kid, zip: 'DEF' })
      .sign(key.privateKey);
    return [...specs, { label: 'zip "DEF" with a deflated payload', credential: { kind: 'token', token: zipped } }];
  },
  order: 135,
});
