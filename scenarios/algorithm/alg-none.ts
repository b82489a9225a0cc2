import { faults } from '../../mocks/idp/faults.ts';
import { defineScenario } from '../define.ts';
import { cve, rfc, source } from '../lib/refs.ts';

/** Blocklists that compare case-sensitively let the other spellings through. */
const SPELLINGS = ['none', 'None', 'NONE', 'nOnE'] as const;

export default defineScenario({
  id: 'alg-none',
  title: 'alg "none" (in any letter case) with an empty signature',
  category: 'algorithm',
  refs: [rfc(8725, '3.1'), cve('2015-2951'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['UnsupportedAlgo'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution: 'Verify with an explicit allowlist of asymmetric algorithms; never accept "none" in any letter case.',
  async probes(ctx) {
    const unsigned = faults['alg-none']();
    return Promise.all(
      SPELLINGS.map(async (alg) => ({
        label: `alg "${alg}"`,
        credential: { kind: 'token' as const, token: await ctx.forge({ ...unsigned, header: { ...unsigned.header, alg } }) },
      })),
    );
  },
  order: 10,
});
