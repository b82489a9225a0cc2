import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop } from './dpop.ts';

export default defineScenario({
  id: 'dpop-unbound-token',
  title: 'A token bound to no key (no cnf.jkt) sent with the DPoP scheme and a valid proof',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '7')],
  expect: 'IT',
  auditCodes: ['TokenNotBound'],
  ifAccepted: { severity: 'major', means: 'a bearer token (no cnf.jkt) accepted by an API that requires DPoP binding' },
  resolution:
    "Require `cnf.jkt` in a token presented with the DPoP scheme and match it with the proof's key (RFC 9449 §6.1, §7): a proof next to an unbound token proves nothing about the token.",
  skip: notDpop,
  probes: async (ctx) => ({
    label: 'unbound token, DPoP scheme',
    credential: { kind: 'token', token: await ctx.forge({ claims: { cnf: undefined } }) },
  }),
});
