import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('typ-missing', {
  title: 'typ header absent where at+jwt is required',
  category: 'type',
  refs: [rfc(9068, '4'), rfc(8725, '3.11'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['InvalidTokenType'],
  resolution:
    'Require typ "at+jwt" (or "application/at+jwt") so that ID tokens and other JWTs from the same issuer cannot be used as access tokens.',
  order: 10,
});
