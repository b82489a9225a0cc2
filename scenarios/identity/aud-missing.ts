import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc } from '../lib/refs.ts';

export default missingClaimScenario('aud', {
  title: 'No aud claim',
  category: 'identity',
  refs: [rfc(9068, '2.2'), rfc(8725, '3.9')],
  expect: 'IT',
  resolution:
    'Require aud in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: a token without an audience is not meant for your API.',
  order: 60,
});
