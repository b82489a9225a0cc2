import { CompactEncrypt } from 'jose';
import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'jwe-compact',
  title: 'A JWE (five parts) sent where a signed JWT is expected, and a signed JWT with two extra parts',
  category: 'presence',
  refs: [rfc(7516, '9'), rfc(7519, '7.2'), rfc(8725, '3.11')],
  expect: 'IT',
  resolution:
    'Accept exactly three base64url parts and verify exactly those: refuse five-part (JWE) tokens, and never destructure the first three parts of a longer token, with 401 invalid_token.',
  async probes(ctx) {
    const baseline = await ctx.forge();
    // Encrypted to a key nobody holds: no API can read it, so it can only be refused (or crash one).
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(baseline.claims)))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'at+jwt', cty: 'JWT' })
      .encrypt(crypto.getRandomValues(new Uint8Array(32)));
    const padded = await ctx.forge({ finish: (t) => `${t}.${t.split('.')[1]}.${t.split('.')[2]}` });
    const specs: ProbeSpec[] = [
      { label: 'a compact JWE (dir, A256GCM) holding the claims', credential: { kind: 'token', token: jwe } },
      { label: 'the signed JWT followed by two more parts (JWE-shaped)', credential: { kind: 'token', token: padded } },
    ];
    return specs;
  },
  order: 76,
});
