import { faultScenario } from '../lib/from-fault.ts';
import { cwe, rfc, source } from '../lib/refs.ts';

export default faultScenario('foreign-key', {
  title: 'Signed by an attacker key that reuses a trusted kid',
  category: 'signature',
  refs: [rfc(9068, '4'), cwe(347), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['SignatureValidation', 'InvalidSignature'],
  resolution: 'Verify against the key the issuer published under that kid; a kid is a hint, not a proof. Reject with 401 invalid_token.',
  order: 30,
});
