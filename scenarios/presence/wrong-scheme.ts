import { defineScenario, type ProbeSpec } from '../define.ts';
import { noScheme, schemeOf } from '../lib/location.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'wrong-scheme',
  title: 'A valid token under another auth scheme (Basic, Token) instead of Bearer',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '3'), rfc(9110, '11.6.2')],
  expect: 'NC',
  ifAccepted: { severity: 'major', means: 'a valid token under another auth scheme' },
  resolution:
    'Take a token only from the Bearer scheme and treat any other scheme as no credentials: 401 with a bare `WWW-Authenticate: Bearer realm="…"` challenge, never a token read from after the space.',
  skip: (_endpoint, config) => noScheme(config.token),
  async probes(ctx) {
    const scheme = schemeOf(ctx.config.token)!.toLowerCase();
    // The baseline token itself, so an API that ignores the scheme accepts it: a valid token through the wrong door (major).
    const { token } = await ctx.forge();
    return ['Basic', 'Token', 'Bearer']
      .filter((s) => s.toLowerCase() !== scheme)
      .slice(0, 2)
      .map((s): ProbeSpec => ({ label: `${s} scheme`, credential: { kind: 'authorization', value: `${s} ${token}` } }));
  },
  order: 20,
});
