import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('id-token-as-access', {
  title: 'An ID token presented for access',
  category: 'type',
  refs: [rfc(8725, '3.12'), rfc(9068, '4'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['InvalidTokenType'],
  resolution: 'Reject ID tokens at resource endpoints: require typ at+jwt, which an ID token never carries.',
  order: 40,
});
