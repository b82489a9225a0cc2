import { defineScenario } from '../define.ts';
import { arrayShapes, claimVariants, typeShapes } from '../lib/claim-shapes.ts';
import { rfc } from '../lib/refs.ts';

const CLAIMS = ['sub', 'client_id', 'jti'] as const;

export default defineScenario({
  id: 'claim-types',
  title: 'sub, client_id or jti not a string: an array holding the value, an object, a number, a boolean, null, empty',
  category: 'identity',
  refs: [rfc(9068, '2.2'), rfc(7519, '4.1.2'), rfc(7519, '4.1.7'), rfc(8693, '4.3')],
  expect: 'IT',
  // Like the -missing scenarios: a required claim the API cannot use, not a forged token.
  ifAccepted: { severity: 'major', means: 'a token whose sub, client_id or jti is not a string' },
  resolution:
    'Require sub, client_id and jti to be non-empty JSON strings (check the type, not truthiness) and refuse other shapes with 401 invalid_token, before anything keys a session, a client or a replay cache on them.',
  async probes(ctx) {
    const value = (claim: (typeof CLAIMS)[number]): string => {
      const v = ctx.idp.minter.baselineClaims(ctx.endpoint.scopes)[claim];
      return typeof v === 'string' ? v : claim;
    };
    return Promise.all(
      CLAIMS.flatMap((claim) =>
        claimVariants(ctx, claim, [
          ...arrayShapes(value(claim), `attacker-${claim}`).filter(([l]) => l !== '[trusted, attacker]'),
          ...typeShapes(value(claim)),
        ]),
      ),
    );
  },
  order: 95,
});
