import { faultScenario } from '../lib/from-fault.ts';
import { cve, rfc, source } from '../lib/refs.ts';

export default faultScenario('alg-confusion', {
  title: 'HS256 keyed with the trusted public key (algorithm confusion)',
  category: 'algorithm',
  refs: [rfc(8725, '3.2'), cve('2015-9235'), cve('2016-10555'), source('login audit trail')],
  expect: 'IT',
  // An API that takes no HMAC says UnsupportedAlgo; one that does take HS256 (with its own secret)
  // refuses the confused token for its signature, which is as right.
  auditCodes: ['UnsupportedAlgo', 'InvalidSignature'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution: 'Bind each key to its algorithm (the JWK alg) and never let the token header choose HMAC for an RSA or EC key.',
});
