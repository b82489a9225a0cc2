import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-first-proof-only',
  flaw: 'Reads the first DPoP header of a request that has two, instead of refusing it.',
  basedOn: 'Frameworks that expose one value of a repeated header (`headers.get` on the first, raw header arrays); RFC 9449 §4.3 check 1.',
  catches: ['dpop-two-proofs'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('first-proof-only') } },
});
