import { faultScenario } from '../from-fault.ts';

export default faultScenario('typ-missing', {
  title: 'typ header absent where at+jwt is required',
  category: 'type',
  refs: ['RFC 9068 §4', 'RFC 8725 §3.11', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['InvalidTokenType'],
  resolution: 'Require typ "at+jwt" (or "application/at+jwt") so that ID tokens and other JWTs from the same issuer cannot be used as access tokens.',
  order: 10,
});
