import { defineScenario, type ProbeSpec } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { rfc } from '../lib/refs.ts';

/** Correctly signed JWSs whose payload is JSON but not a JSON object: not a JWT (RFC 7519 §7.2 step 10). */
const VARIANTS: Array<[string, Forgery]> = [
  ['payload a JSON array holding the claims', { rawPayload: (claims) => JSON.stringify([claims]) }],
  ['payload a JSON string holding the claims (double-encoded)', { rawPayload: (claims) => JSON.stringify(JSON.stringify(claims)) }],
  ['payload a number', { rawPayload: () => '42' }],
  ['payload null', { rawPayload: () => 'null' }],
];

export default defineScenario({
  id: 'payload-not-object',
  title: 'A correctly signed JWS whose payload is not a JSON object (array, string, number, null)',
  category: 'presence',
  refs: [rfc(7519, '7.2'), rfc(7519, '4'), rfc(8725, '3.11')],
  expect: 'IT',
  resolution:
    'Accept only a payload that is one JSON object (the JWT Claims Set): refuse arrays, strings (never JSON.parse a second time), numbers and null with 401 invalid_token.',
  async probes(ctx) {
    return Promise.all(
      VARIANTS.map(async ([label, forgery]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
  },
  order: 75,
});
