import { faultScenario } from '../from-fault.ts';

export default faultScenario('wrong-issuer', {
  title: 'Another issuer (trusted key)',
  category: 'identity',
  refs: ['RFC 9068 §4', 'RFC 8725 §3.8', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution: 'Compare iss with the configured issuer by exact string match and reject any other with 401 invalid_token.',
  order: 10,
});
