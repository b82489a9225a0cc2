import { defineScenario } from '../define.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-two-proofs',
  title: 'Two DPoP headers on one request',
  category: 'binding',
  refs: [...DPOP_REFS],
  expect: ['IT', 'IR'],
  auditCodes: ['InvalidDpopProof'],
  ifAccepted: { severity: 'major', means: 'a request with two DPoP headers' },
  resolution:
    'Refuse a request with more than one DPoP header (RFC 9449 §4.3 check 1): which proof was checked is otherwise up to the parser.',
  skip: notDpop,
  probes: async (ctx) => withProof(ctx, 'two DPoP headers', { count: 2 }),
});
