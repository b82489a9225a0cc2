import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('wrong-issuer', {
  title: 'Another issuer (trusted key)',
  category: 'identity',
  refs: [rfc(9068, '4'), rfc(8725, '3.8'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution: 'Compare iss with the configured issuer by exact string match and reject any other with 401 invalid_token.',
  order: 10,
});
