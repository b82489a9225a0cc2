import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop } from './dpop.ts';

export default defineScenario({
  id: 'dpop-bearer-downgrade',
  title: 'A DPoP-bound token sent as `Authorization: Bearer`, without a proof',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '7.2')],
  expect: ['IT', 'NC'],
  auditCodes: ['TokenBoundToKey'],
  resolution:
    'Refuse a token carrying `cnf.jkt` under the Bearer scheme (RFC 9449 §7.2): otherwise whoever steals the token uses it without the key.',
  skip: notDpop,
  probes: async (ctx) => {
    const token = await ctx.forge();
    return {
      label: 'bound token as Bearer',
      credential: { kind: 'authorization', value: `Bearer ${token.token}` },
      binding: { kind: 'none' },
    };
  },
});
