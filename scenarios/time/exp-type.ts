import { defineScenario } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'exp-type',
  title: 'exp that is not a JSON number (numeric string, null, array, boolean, object)',
  category: 'time',
  // Type faults only. Range faults are apart: exp 0 or negative is exp-range's, exp 1e20 (a valid
  // NumericDate far ahead) too-broad's, a fractional exp valid (RFC 7519 §2 allows non-integers).
  refs: [rfc(7519, '2'), rfc(7519, '4.1.4')],
  expect: 'IT',
  resolution:
    'Accept exp only as a JSON number and reject strings, null, arrays, booleans and objects with 401 invalid_token, instead of coercing them.',
  async probes(ctx) {
    const exp = ctx.fault.now + ctx.fault.lifetime;
    const variants: Array<[string, Forgery]> = [
      ['exp as a numeric string', { claims: { exp: String(exp) } }],
      ['exp null', { claims: { exp: null } }],
      ['exp an array', { claims: { exp: [exp] } }],
      ['exp true', { claims: { exp: true } }],
      ['exp an object', { claims: { exp: { value: exp } } }],
    ];
    return Promise.all(
      variants.map(async ([label, forgery]) => ({ label, credential: { kind: 'token' as const, token: await ctx.forge(forgery) } })),
    );
  },
  order: 40,
});
