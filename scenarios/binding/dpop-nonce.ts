import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-nonce',
  title: 'The nonce flow: 401 use_dpop_nonce with a DPoP-Nonce header, then the proof with that nonce is accepted',
  category: 'binding',
  refs: [rfc(9449, '9'), rfc(9449, '8')],
  expect: 'OK',
  resolution:
    'When asking for a nonce, answer 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"` with a `DPoP-Nonce` header, and accept the next proof that carries it (RFC 9449 §9).',
  skip: notDpop,
  // The harness answers a nonce request as a client must: it sends the proof again with the nonce.
  probes: async (ctx) => withProof(ctx, 'proof made fresh, with any nonce asked for', {}, false),
});
