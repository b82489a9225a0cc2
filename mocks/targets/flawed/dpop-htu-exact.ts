import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-htu-exact',
  flaw: 'Compares htu with the request URL as a plain string, so a valid proof naming the same URL with another letter case is refused.',
  basedOn: 'String equality on URLs instead of RFC 3986 §6 normalisation; RFC 9449 §4.3 check 9.',
  catches: ['dpop-htu-normalised'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('htu-exact') } },
});
