import { defineScenario, type ProbeSpec } from '../define.ts';
import { noScheme, schemeOf } from '../lib/location.ts';
import { rfc } from '../lib/refs.ts';

/** The scheme in lower, upper and alternating case, minus the spelling the baseline already uses. */
function respellings(scheme: string): string[] {
  const alternating = [...scheme].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
  return [...new Set([scheme.toLowerCase(), scheme.toUpperCase(), alternating])].filter((s) => s !== scheme).slice(0, 2);
}

export default defineScenario({
  id: 'scheme-case',
  title: 'Valid token with the scheme in another letter case (bearer, BEARER)',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(9110, '11.1'), rfc(6750, '2.1')],
  expect: 'OK',
  resolution: 'Compare the auth scheme case-insensitively (RFC 9110 §11.1): `bearer` and `BEARER` are the same scheme as `Bearer`.',
  skip: (_endpoint, config) => noScheme(config.token),
  async probes(ctx) {
    const { token } = await ctx.forge();
    return respellings(schemeOf(ctx.config.token)!).map((s): ProbeSpec => ({
      label: `scheme "${s}"`,
      credential: { kind: 'authorization', value: `${s} ${token}` },
    }));
  },
  order: 30,
});
