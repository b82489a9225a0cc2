import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('expired-cert', {
  title: 'Signed by a key whose x5c certificate has expired',
  category: 'signature',
  refs: [rfc(7517, '4.7'), source('expired-certificate incident')],
  expect: 'IT',
  auditCodes: ['InvalidSignature'],
  resolution:
    'When keys come with x5c certificates, check their validity period and reject tokens signed under an expired certificate; then re-key the issuer and re-import the certificate (the expired-certificate incident).',
  order: 80,
});
