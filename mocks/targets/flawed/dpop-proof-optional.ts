import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-proof-optional',
  flaw: 'Checks a DPoP proof when one is sent, and lets a DPoP-scheme request without one through.',
  basedOn:
    'The `if (req.headers.dpop) verifyProof(...)` pattern of hand-written DPoP middleware; RFC 9449 §7 requires the proof with every DPoP-bound token.',
  catches: ['dpop-proof-missing'],
  severity: 'critical',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('proof-optional') } },
});
