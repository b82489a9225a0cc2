import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc } from '../lib/refs.ts';

export default missingClaimScenario('client_id', {
  title: 'No client_id claim',
  category: 'identity',
  refs: [rfc(9068, '2.2')],
  expect: 'IT',
  ifAccepted: { severity: 'major', means: 'a token without client_id' },
  resolution:
    'Require client_id in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token, so every request is tied to the client it was issued to.',
  order: 80,
});
