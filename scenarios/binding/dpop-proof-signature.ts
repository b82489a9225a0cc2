import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-proof-signature',
  title: 'A DPoP proof with alg none, signed with a symmetric algorithm, or with a bad signature',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.2'), rfc(8725, '3.1')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  resolution:
    'Verify the proof signature with the public key in its `jwk` header under an asymmetric algorithm only: `none` and HS* prove possession of nothing (RFC 9449 §4.3 checks 5 and 6).',
  skip: notDpop,
  probes: async (ctx) => [
    await withProof(ctx, 'alg none', { signWith: 'none' }),
    await withProof(ctx, 'alg HS256', { signWith: 'hmac' }),
    await withProof(ctx, 'signature altered', { signWith: 'tampered' }),
  ],
});
