import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-proof-malformed',
  title: 'A DPoP proof that is not a JWT, or whose typ is missing or not dpop+jwt',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.2')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  // The proof is still signed by the bound key: accepting it breaks the format rules, it lets no one in.
  ifAccepted: { severity: 'major', means: 'a malformed DPoP proof (not a JWT, or typ not dpop+jwt)' },
  resolution:
    'Parse the DPoP header as one JWS and require `typ: dpop+jwt` (RFC 9449 §4.3 checks 2 and 4), so no other JWT the client signed can pass as a proof.',
  skip: notDpop,
  probes: async (ctx) => [
    await withProof(ctx, 'not a JWT', { raw: 'not-a-dpop-proof' }),
    await withProof(ctx, 'typ missing', { header: { typ: undefined } }),
    await withProof(ctx, 'typ JWT', { header: { typ: 'JWT' } }),
  ],
});
