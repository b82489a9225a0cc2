import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'audience-array',
  title: 'aud as an array that contains this API (positive control)',
  category: 'identity',
  refs: [rfc(7519, '4.1.3')],
  expect: 'OK',
  resolution: 'Accept aud as a string or an array of strings, and accept the token when your identifier is one of them.',
  async probes(ctx) {
    const self = ctx.fault.audience;
    const variants: Array<[string, string[]]> = [
      ['[another API, this API]', ['https://another-api.gauntlet.test', self]],
      ['[this API]', [self]],
      ['[this API, another API]', [self, 'https://another-api.gauntlet.test']],
    ];
    return Promise.all(
      variants.map(async ([label, aud]) => ({
        label,
        credential: { kind: 'token' as const, token: await ctx.forge({ claims: { aud } }) },
      })),
    );
  },
  order: 50,
});
