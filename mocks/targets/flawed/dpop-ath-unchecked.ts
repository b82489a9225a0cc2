import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-ath-unchecked',
  flaw: 'Never checks ath, so the proof is not tied to the access token it comes with.',
  basedOn: 'DPoP checks written for the token endpoint (where there is no ath) reused at the resource; RFC 9449 §4.3 check 12.',
  catches: ['dpop-ath'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('ath-unchecked') } },
});
