import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-jti-replayed',
  title: 'The same DPoP proof sent twice',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '11.1')],
  expect: 'IT',
  auditCodes: ['DpopProofReplayed'],
  resolution:
    'Keep the jti of every proof accepted for as long as its iat is acceptable and refuse a second use (RFC 9449 §11.1): otherwise a proof captured with its token works again.',
  skip: notDpop,
  probes: async (ctx) => {
    const replay: { proof?: string } = {};
    const first = await withProof(ctx, 'first use', { replay }, false);
    const again = await withProof(ctx, 'the same proof again', { replay });
    return [
      { ...first, control: true, expect: 'OK' },
      { ...again, credential: first.credential },
    ];
  },
});
