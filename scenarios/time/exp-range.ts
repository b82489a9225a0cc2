import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'exp-range',
  title: 'exp 0 or negative: a NumericDate in 1970 or before',
  category: 'time',
  // Range faults (the value is a number, long past); exp 1e20 is too-broad's, type faults exp-type's.
  refs: [rfc(7519, '4.1.4'), rfc(7519, '2')],
  expect: 'IT',
  auditCodes: ['TokenExpired', 'AccessTokenExpired', 'TokenRejected'],
  resolution:
    'Compare exp as a number against now whatever its value: exp 0 and negative dates are long expired, so never guard the check with a truthy test (`if (exp && exp < now)`).',
  async probes(ctx) {
    const send = async (label: string, exp: number): Promise<ProbeSpec> => ({
      label,
      credential: { kind: 'token', token: await ctx.forge({ claims: { exp } }) },
    });
    return Promise.all([send('exp 0', 0), send('exp -1', -1), send('exp -2^53', -(2 ** 53))]);
  },
  order: 15,
});
