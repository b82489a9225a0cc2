import { missingClaimScenario } from '../missing-claim.ts';

export default missingClaimScenario('iss', {
  title: 'No iss claim',
  category: 'identity',
  refs: ['RFC 9068 §2.2', 'RFC 8725 §3.8', 'login audit trail'],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution: 'Require iss in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: an issuer check that runs only when iss is present lets a token from anyone through.',
  order: 30,
});
