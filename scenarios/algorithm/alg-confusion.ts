import { faultScenario } from '../from-fault.ts';

export default faultScenario('alg-confusion', {
  title: 'HS256 keyed with the trusted public key (algorithm confusion)',
  category: 'algorithm',
  refs: ['RFC 8725 §3.2', 'CVE-2015-9235', 'CVE-2016-10555', 'login audit trail'],
  expect: 'IT',
  // An API that takes no HMAC says UnsupportedAlgo; one that does take HS256 (with its own secret)
  // refuses the confused token for its signature, which is as right.
  auditCodes: ['UnsupportedAlgo', 'InvalidSignature'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution: 'Bind each key to its algorithm (the JWK alg) and never let the token header choose HMAC for an RSA or EC key.',
  order: 20,
});
