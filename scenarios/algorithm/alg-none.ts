import { faultScenario } from '../from-fault.ts';

export default faultScenario('alg-none', {
  title: 'alg "none" with an empty signature',
  category: 'algorithm',
  refs: ['RFC 8725 §3.1', 'CVE-2015-2951', 'seed 002'],
  expect: 'IT',
  auditCodes: ['UnsupportedAlgo'],
  resolution: 'Verify with an explicit allowlist of asymmetric algorithms; never accept "none" in any letter case.',
});
