import { missingClaimScenario } from '../missing-claim.ts';

export default missingClaimScenario('client_id', {
  title: 'No client_id claim',
  category: 'identity',
  refs: ['RFC 9068 §2.2'],
  expect: 'IT',
  ifAccepted: { severity: 'major', means: 'a token without client_id' },
  resolution: 'Require client_id in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token, so every request is tied to the client it was issued to.',
  order: 80,
});
