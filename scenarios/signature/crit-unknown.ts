import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'crit-unknown',
  title: 'crit names an extension header the API cannot understand',
  category: 'signature',
  refs: [rfc(7515, '4.1.11')],
  expect: 'IT',
  resolution: 'Reject any token whose crit lists a header member you do not implement (RFC 7515 §4.1.11), with 401 invalid_token.',
  async probes(ctx) {
    const token = await ctx.forge({ header: { crit: ['x-unknown'], 'x-unknown': true } });
    return { credential: { kind: 'token', token } };
  },
  order: 130,
});
