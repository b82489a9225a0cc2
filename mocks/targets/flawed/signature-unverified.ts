import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'signature-unverified',
  flaw: 'Decodes the token and checks its claims but never verifies the signature (decode() where verify() was meant), so any forged or tampered signature passes once the kid resolves.',
  basedOn:
    "jsonwebtoken's `jwt.decode()` (whose README warns it does not verify) and PyJWT's `verify_signature: False` used on the request path (CWE-347).",
  catches: ['sig-tampered', 'sig-stripped', 'foreign-key', 'jwk-embedded', 'jku-x5u', 'psychic-sig', 'leaky-error'],
  severity: 'critical',
  options: { steps: { verifySignature: skip } },
});
