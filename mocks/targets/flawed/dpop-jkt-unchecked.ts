import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-jkt-unchecked',
  flaw: 'Verifies the proof with its own jwk but never compares that key with the token cnf.jkt, so a stolen token with the thief own proof works.',
  basedOn: 'Proof-only validation that forgets the binding, RFC 9449 §6.1 and §7; the token is then a bearer token again.',
  catches: ['dpop-wrong-key'],
  severity: 'critical',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('jkt-unchecked') } },
});
