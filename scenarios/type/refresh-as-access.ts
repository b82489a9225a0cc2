import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('refresh-as-access', {
  title: 'A refresh token presented for access',
  category: 'type',
  refs: [rfc(6749, '1.5'), rfc(9068, '4'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenRejected', 'InvalidTokenType'],
  resolution: 'Accept only access tokens at resource endpoints: check typ (at+jwt) and reject refresh tokens with 401 invalid_token.',
  order: 30,
});
