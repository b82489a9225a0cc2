import { missingClaimScenario } from '../missing-claim.ts';

export default missingClaimScenario('exp', {
  title: 'No exp claim',
  category: 'time',
  refs: ['RFC 9068 §2.2', 'RFC 7519 §4.1.4', 'CWE-613'],
  expect: 'IT',
  resolution: 'Require exp in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: a missing exp means a token that never expires.',
  order: 30,
});
