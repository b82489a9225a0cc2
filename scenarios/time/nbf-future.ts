import { faultScenario } from '../from-fault.ts';

export default faultScenario('nbf-future', {
  title: 'Not valid yet (nbf an hour after now + leeway)',
  category: 'time',
  refs: ['RFC 7519 §4.1.5', 'seed 002'],
  expect: 'IT',
  auditCodes: ['TokenNotAcceptable'],
  resolution: 'Reject tokens whose nbf lies beyond now plus your clock leeway, with 401 invalid_token.',
});
