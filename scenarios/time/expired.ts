import { faultScenario } from '../lib/from-fault.ts';
import { cwe, rfc, source } from '../lib/refs.ts';

export default faultScenario('expired', {
  title: 'Expired token (exp an hour before now − leeway)',
  category: 'time',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7519, '4.1.4'), cwe(613), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['TokenExpired', 'AccessTokenExpired'],
  resolution: 'Reject tokens whose exp is at or before now minus your clock leeway, with 401 invalid_token; never skip the exp check.',
  order: 10,
});
