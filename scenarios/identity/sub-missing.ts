import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc } from '../lib/refs.ts';

export default missingClaimScenario('sub', {
  title: 'No sub claim',
  category: 'identity',
  refs: [rfc(9068, '2.2')],
  expect: 'IT',
  ifAccepted: { severity: 'major', means: 'a token without sub' },
  resolution:
    'Require sub in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token, so every request is tied to a subject.',
  order: 70,
});
