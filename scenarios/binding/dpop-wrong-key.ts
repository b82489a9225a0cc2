import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-wrong-key',
  title: 'A valid DPoP proof signed by a key other than the one the token is bound to (cnf.jkt)',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '6.1'), rfc(9449, '7')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  resolution:
    "Compare the JWK thumbprint of the proof's `jwk` (RFC 7638) with the token's `cnf.jkt`: a stolen token with the thief's own key must not pass (RFC 9449 §6.1, §7).",
  skip: notDpop,
  probes: async (ctx) => withProof(ctx, "the attacker's key", { signWith: 'other' }),
});
