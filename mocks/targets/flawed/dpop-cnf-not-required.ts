import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-cnf-not-required',
  flaw: 'Checks a proof but not that the token is bound to a key, so an unbound bearer token with any valid proof is accepted as DPoP.',
  basedOn: 'Checking cnf.jkt only `if (claims.cnf)`; RFC 9449 §7 requires the token be bound.',
  catches: ['dpop-unbound-token'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('cnf-not-required') } },
});
