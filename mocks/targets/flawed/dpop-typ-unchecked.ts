import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-typ-unchecked',
  flaw: 'Verifies the DPoP proof signature but not its typ, so any JWT signed by the key passes as a proof.',
  basedOn: 'jose `jwtVerify` called without its `typ` option (it checks typ only when asked); RFC 9449 §4.3 check 4, RFC 8725 §3.11.',
  catches: ['dpop-proof-malformed'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('typ-unchecked') } },
});
