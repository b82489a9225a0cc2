import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-proof-missing',
  title: 'A DPoP-bound token with the DPoP scheme but no DPoP proof header',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '7')],
  expect: ['IT', 'IR'],
  auditCodes: ['InvalidDpopProof'],
  resolution:
    'Require exactly one valid DPoP header with every DPoP-bound token; without it the token is a bearer token in all but name (RFC 9449 §7).',
  skip: notDpop,
  probes: async (ctx) => withProof(ctx, 'no DPoP header', { omit: true }),
});
