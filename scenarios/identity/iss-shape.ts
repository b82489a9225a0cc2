import { defineScenario } from '../define.ts';
import { arrayShapes, claimVariants, spellingShapes, typeShapes } from '../lib/claim-shapes.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'iss-shape',
  title: 'iss in another shape: an array holding the issuer, another JSON type, or a look-alike spelling',
  category: 'identity',
  // iss is one StringOrURI (never an array, unlike aud), compared as a case-sensitive string.
  refs: [rfc(7519, '4.1.1'), rfc(7519, '2'), rfc(9068, '4'), rfc(8725, '3.8')],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution:
    'Require iss to be a JSON string exactly equal to the configured issuer: refuse arrays (even ["<issuer>"]), other types, other case, Unicode look-alikes, padding and NUL bytes with 401 invalid_token.',
  async probes(ctx) {
    const iss = ctx.fault.issuer;
    return Promise.all(
      claimVariants(ctx, 'iss', [...arrayShapes(iss, 'https://attacker.gauntlet.test'), ...typeShapes(iss), ...spellingShapes(iss)]),
    );
  },
  order: 25,
});
