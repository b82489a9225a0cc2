import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-htu-unchecked',
  flaw: 'Checks htm but never htu, so a proof made for another URL or another API is accepted here.',
  basedOn: 'Hand-written DPoP checks that compare the method and forget the URL; RFC 9449 §4.3 check 9.',
  catches: ['dpop-htm-htu'],
  severity: 'critical',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('htu-unchecked') } },
});
