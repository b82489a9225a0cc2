/**
 * The baseline again, after every attack: a fresh valid token per endpoint, sent once the scenarios
 * (and property cases) are done. An API that stopped accepting valid tokens on the way (it crashed, a
 * failed JWKS fetch or a forged kid poisoned its key cache, a lockout fired) is broken for everyone.
 * Not in a category folder: the engine sends it last (`runsLast`), whatever the catalogue order.
 */
import { defineScenario } from './define.ts';
import { cwe, rfc } from './lib/refs.ts';

export default defineScenario({
  id: 'baseline-after',
  title: 'Positive control: a valid token is still accepted after all the attacks',
  category: 'exhaustion',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '2.1'), rfc(7517, '5'), cwe(400), cwe(645)],
  expect: 'OK',
  runsLast: true,
  resolution:
    'Keep serving valid tokens whatever invalid ones arrive: never cache a failed JWKS fetch or a key a token named, do not crash on bad input, and lock nothing out on the strength of tokens that failed validation.',
  async probes(ctx) {
    return { label: 'the baseline after the attacks', credential: { kind: 'token', token: await ctx.forge() } };
  },
});
