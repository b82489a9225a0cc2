import { faultScenario } from '../from-fault.ts';

export default faultScenario('id-token-as-access', {
  title: 'An ID token presented for access',
  category: 'type',
  refs: ['RFC 8725 §3.12', 'RFC 9068 §4', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['InvalidTokenType'],
  resolution: 'Reject ID tokens at resource endpoints: require typ at+jwt, which an ID token never carries.',
  order: 40,
});
