import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-iat-unchecked',
  flaw: 'Never checks the proof iat, so a proof made an hour ago, or for an hour ahead, is accepted.',
  basedOn: 'jose `jwtVerify` checks iat only with `maxTokenAge`, which hand-written proof checks leave out; RFC 9449 §4.3 check 11.',
  catches: ['dpop-iat'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('iat-unchecked') } },
});
