import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-htm-htu',
  title: 'A DPoP proof made for another HTTP method or another URL',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.3')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  resolution:
    'Compare `htm` with the request method and `htu` with the request URL (without query and fragment, after normalisation) so a proof made for one request cannot be spent on another (RFC 9449 §4.3 checks 8 and 9).',
  skip: notDpop,
  probes: async (ctx) => {
    const method = ctx.endpoint.method === 'DELETE' ? 'PUT' : 'DELETE';
    return [
      await withProof(ctx, `htm ${method}`, { claims: { htm: method } }),
      await withProof(ctx, 'htu of another path', { htu: (u) => new URL('/gauntlet-other-resource', u).href }),
      await withProof(ctx, 'htu of another host', { htu: (u) => `${u.protocol}//api.attacker.example${u.pathname}` }),
    ];
  },
});
