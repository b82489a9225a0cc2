import { defineScenario } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { rfc } from '../lib/refs.ts';

/**
 * exp 1e20 written in exponent form, as JSON.stringify never writes it: parsers that read NumericDates as
 * integers may reject, truncate or wrap that text. The claims keep the same value, for the report.
 */
const EXP_1E20: Forgery = {
  claims: { exp: 1e20 },
  rawPayload: (claims) => JSON.stringify(claims).replace(`"exp":${JSON.stringify(1e20)}`, '"exp":1e20'),
};

export default defineScenario({
  id: 'exp-type',
  title: 'exp that is not a usable NumericDate (string, 1e20, negative, null, array)',
  category: 'time',
  refs: [rfc(7519, '2'), rfc(7519, '4.1.4')],
  expect: 'IT',
  resolution:
    'Accept exp only as a JSON number in a sane range and reject strings, null, arrays, negative and absurdly large values with 401 invalid_token, instead of coercing them.',
  async probes(ctx) {
    const exp = ctx.fault.now + ctx.fault.lifetime;
    // No float: RFC 7519 §2 allows non-integer NumericDates, so a fractional exp is valid and rejecting it is
    // a strictness choice, not something to fail an API for.
    const variants: Array<[string, Forgery]> = [
      ['exp as a numeric string', { claims: { exp: String(exp) } }],
      ['exp 1e20 (exponent form)', EXP_1E20],
      ['exp negative', { claims: { exp: -1 } }],
      ['exp null', { claims: { exp: null } }],
      ['exp an array', { claims: { exp: [exp] } }],
    ];
    return Promise.all(variants.map(async ([label, forgery]) => ({ label, credential: { kind: 'token' as const, token: await ctx.forge(forgery) } })));
  },
});
