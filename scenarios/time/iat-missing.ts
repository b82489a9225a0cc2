import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc } from '../lib/refs.ts';

export default missingClaimScenario('iat', {
  title: 'No iat claim',
  category: 'time',
  refs: [rfc(9068, '2.2')],
  expect: 'IT',
  ifAccepted: { severity: 'major', means: 'a token without iat' },
  resolution:
    'Require iat in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: without it neither a future issue time nor a too long lifetime can be seen.',
  order: 70,
});
