import { missingClaimScenario } from '../lib/missing-claim.ts';
import { rfc, source } from '../lib/refs.ts';

export default missingClaimScenario('iss', {
  title: 'No iss claim',
  category: 'identity',
  refs: [rfc(9068, '2.2'), rfc(8725, '3.8'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution:
    'Require iss in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: an issuer check that runs only when iss is present lets a token from anyone through.',
  order: 30,
});
