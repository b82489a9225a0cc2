import { noMaxLifetimeReason } from '../lib/not-applicable.ts';
import { defineScenario, type ProbeSpec } from '../define.ts';
import { MARGIN } from '../lib/boundary.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'too-broad',
  title: 'Validity too broad (exp − iat just beyond the declared maximum lifetime)',
  category: 'time',
  refs: [source('login audit trail'), rfc(8725, '3.10')],
  expect: 'IT',
  auditCodes: ['TokenValidityTooBroad'],
  resolution:
    'Enforce the maximum token lifetime you declare (exp − iat, --max-lifetime; the login audit trail allows two hours): reject longer-lived tokens with 401 invalid_token and accept those within it.',
  // Validators bound no lifetime by default, so there is no ceiling to hold an API to that declares none.
  skip: (_endpoint, config, observed) => noMaxLifetimeReason(config, observed),
  async probes(ctx) {
    const { now } = ctx.fault;
    const max = ctx.config.policy.maxLifetime ?? ctx.fault.maxLifetime;
    // iat is now, so exp − iat is the lifetime and exp lies in the future either way.
    const at = async (label: string, lifetime: number, expect?: 'OK'): Promise<ProbeSpec> => ({
      label,
      credential: { kind: 'token', token: await ctx.forge({ claims: { iat: now, exp: now + lifetime } }) },
      ...(expect ? { expect } : {}),
    });
    const specs = [
      at(`lifetime ${max + MARGIN} s: ${MARGIN} s beyond the ${max} s maximum`, max + MARGIN),
      // A valid NumericDate far ahead, written as JSON.stringify never writes it: a range fault, not a type fault.
      ctx
        .forge({
          claims: { iat: now, exp: 1e20 },
          rawPayload: (claims) => JSON.stringify(claims).replace(`"exp":${JSON.stringify(1e20)}`, '"exp":1e20'),
        })
        .then((token): ProbeSpec => ({
          label: 'exp 1e20 (exponent form): a lifetime of 3e12 years',
          credential: { kind: 'token', token },
        })),
    ];
    if (max - MARGIN >= ctx.fault.lifetime)
      specs.push(at(`lifetime ${max - MARGIN} s: ${MARGIN} s inside the ${max} s maximum`, max - MARGIN, 'OK'));
    return Promise.all(specs);
  },
  order: 80,
});
