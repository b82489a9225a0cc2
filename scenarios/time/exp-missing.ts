import { missingClaimScenario } from '../lib/missing-claim.ts';
import { cwe, rfc } from '../lib/refs.ts';

export default missingClaimScenario('exp', {
  title: 'No exp claim',
  category: 'time',
  refs: [rfc(9068, '2.2'), rfc(7519, '4.1.4'), cwe(613)],
  expect: 'IT',
  resolution:
    'Require exp in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: a missing exp means a token that never expires.',
  order: 30,
});
