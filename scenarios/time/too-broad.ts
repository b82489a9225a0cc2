import { faultScenario } from '../from-fault.ts';

export default faultScenario('too-broad', {
  title: 'Validity too broad (exp − iat far beyond the maximum lifetime)',
  category: 'time',
  refs: ['seed 002', 'RFC 8725 §3.10'],
  expect: 'IT',
  auditCodes: ['TokenValidityTooBroad'],
  resolution: 'Enforce a maximum token lifetime (exp − iat; seed 002 allows two hours) and reject longer-lived tokens with 401 invalid_token.',
});
