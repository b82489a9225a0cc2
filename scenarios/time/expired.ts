import { faultScenario } from '../from-fault.ts';

export default faultScenario('expired', {
  title: 'Expired token (exp an hour before now − leeway)',
  category: 'time',
  refs: ['RFC 7519 §4.1.4', 'CWE-613', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['TokenExpired', 'AccessTokenExpired'],
  resolution: 'Reject tokens whose exp is at or before now minus your clock leeway, with 401 invalid_token; never skip the exp check.',
  order: 10,
});
