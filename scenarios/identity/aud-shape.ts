import { defineScenario } from '../define.ts';
import { claimVariants, spellingShapes, typeShapes } from '../lib/claim-shapes.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'aud-shape',
  title: 'aud in a shape that does not name this API: nested array, other JSON type, empty array, look-alike spelling',
  category: 'identity',
  // An array of strings holding our identifier is VALID (audience-array, must-accept); anything else is not.
  refs: [rfc(7519, '4.1.3'), rfc(7519, '2'), rfc(9068, '4')],
  expect: 'IT',
  resolution:
    'Accept aud only as a string equal to your identifier or an array of strings one of which equals it exactly: refuse nested arrays, objects, other types, an empty array, other case, look-alikes, padding and NUL bytes, and never match by substring.',
  async probes(ctx) {
    const aud = ctx.fault.audience;
    return Promise.all(
      claimVariants(ctx, 'aud', [
        ['[[this API]] (nested)', [[aud]]],
        ['[] (empty array)', []],
        ...typeShapes(aud),
        ...spellingShapes(aud),
        ['[this API with a trailing space]', [`${aud} `]],
      ]),
    );
  },
  order: 55,
});
