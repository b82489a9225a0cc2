import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-proof-jwk',
  title: 'A DPoP proof without a jwk header, or whose jwk holds the private key',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.2')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  ifAccepted: { severity: 'major', means: 'a DPoP proof without a public jwk, or carrying the private key' },
  resolution: 'Require a `jwk` header holding a public key only (no `d`), and verify the proof with it (RFC 9449 §4.2, §4.3 check 7).',
  skip: notDpop,
  probes: async (ctx) => [
    await withProof(ctx, 'jwk missing', { header: { jwk: undefined } }),
    await withProof(ctx, 'jwk holds the private key', { privateJwk: true }),
  ],
});
