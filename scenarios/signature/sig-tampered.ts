import { faultScenario } from '../lib/from-fault.ts';
import { cwe, rfc, source } from '../lib/refs.ts';

export default faultScenario('sig-tampered', {
  title: 'Payload changed after signing, signature kept',
  category: 'signature',
  refs: [rfc(7515, '5.2'), cwe(347), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['InvalidSignature'],
  resolution:
    'Verify the signature over the exact header and payload bytes received before reading any claim; reject a mismatch with 401 invalid_token.',
  order: 10,
});
