import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc } from '../lib/refs.ts';

export default missingClaimScenario('jti', {
  title: 'No jti claim',
  category: 'identity',
  refs: [rfc(9068, '2.2')],
  expect: 'IT',
  ifAccepted: { severity: 'major', means: 'a token without jti' },
  resolution:
    'Require jti in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: without it a token cannot be revoked, audited or checked for replay.',
  order: 90,
});
