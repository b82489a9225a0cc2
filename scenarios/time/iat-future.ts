import { faultScenario } from '../from-fault.ts';

export default faultScenario('iat-future', {
  title: 'Issued in the future (iat an hour after now + leeway)',
  category: 'time',
  refs: ['RFC 7519 §4.1.6', 'seed 002'],
  expect: 'IT',
  auditCodes: ['TokenNotAcceptable'],
  resolution: 'Reject tokens whose iat lies beyond now plus your clock leeway: a token from the future means a broken or hostile issuer clock.',
});
