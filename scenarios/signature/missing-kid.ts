import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('missing-kid', {
  title: 'No kid while the JWKS holds several keys',
  category: 'signature',
  refs: [source('login audit trail'), rfc(7515, '4.1.4')],
  expect: 'IT',
  auditCodes: ['MissingKeyId'],
  resolution:
    'Require a kid in the token header when the issuer publishes several keys, and reject tokens without one instead of trying every key.',
  order: 50,
});
