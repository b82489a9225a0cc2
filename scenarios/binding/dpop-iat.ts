import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-iat',
  title: 'A DPoP proof issued an hour ago, or an hour in the future',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '11.1')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  ifAccepted: { severity: 'major', means: 'a DPoP proof an hour outside its time window' },
  resolution:
    'Accept a proof only within a few minutes of its iat (RFC 9449 §4.3 check 11, §11.1): an old or pre-made proof widens the window a captured proof can be replayed in.',
  skip: notDpop,
  probes: async (ctx) => [
    await withProof(ctx, 'iat an hour ago', { iatOffset: -3600 }),
    await withProof(ctx, 'iat an hour ahead', { iatOffset: 3600 }),
  ],
});
