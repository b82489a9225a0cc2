import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-signature-unverified',
  flaw: 'Decodes the DPoP proof and checks its claims and jwk thumbprint, but never verifies its signature, so alg none, HS256 and an altered signature pass, and so does a jwk carrying the private key (its thumbprint is the same).',
  basedOn: 'jose `decodeJwt` used where `jwtVerify` was meant, the decode-instead-of-verify bug of CWE-347; RFC 9449 §4.3 checks 5 to 7.',
  catches: ['dpop-proof-signature', 'dpop-proof-jwk'],
  severity: 'critical',
  bySeverity: { 'dpop-proof-jwk': 'major' },
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('signature-unverified') } },
});
