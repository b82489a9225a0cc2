import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-jti-missing',
  title: 'A DPoP proof without jti',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.2'), rfc(9449, '11.1')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  ifAccepted: { severity: 'major', means: 'a DPoP proof without jti, which no replay check can recognise' },
  resolution:
    'Require `jti` in every proof and remember it for the proof lifetime: without it a captured proof cannot be recognised when replayed (RFC 9449 §4.2, §11.1).',
  skip: notDpop,
  probes: async (ctx) => withProof(ctx, 'no jti', { claims: { jti: undefined } }),
});
