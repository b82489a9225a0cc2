import { faultScenario } from '../lib/from-fault.ts';
import { rfc, source } from '../lib/refs.ts';

export default faultScenario('unknown-kid', {
  title: 'kid not in the JWKS (signed by a trusted key)',
  category: 'signature',
  refs: [rfc(8725, '3.10'), rfc(7515, '4.1.4'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['MissingKey'],
  resolution:
    'Select the verification key by kid only; when no JWKS key has that kid (after one refetch), reject with 401 invalid_token. Never fall back to another key.',
  order: 40,
});
