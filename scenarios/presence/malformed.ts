import { defineScenario, type ProbeSpec } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { rfc, source } from '../lib/refs.ts';

const segments = (t: string): string[] => t.split('.');

/** Each variant breaks the compact serialization in one way; the token is otherwise the baseline. */
const VARIANTS: Record<string, Forgery> = {
  '1 segment': { finish: (t) => segments(t).join('') },
  '2 segments': { finish: (t) => segments(t).slice(0, 2).join('.') },
  '4 segments': { finish: (t) => `${t}.${segments(t)[2]}` },
  // `+` and `/` are legal in an RFC 6750 b64token but not in base64url: only the JWS decoder can object.
  'bad base64url': {
    finish: (t) => {
      const [h, p = '', s] = segments(t);
      return `${h}.${p.slice(0, 8)}+/${p.slice(8)}.${s}`;
    },
  },
  'header not JSON': { rawHeader: () => 'gauntlet: this header is not JSON' },
};

export default defineScenario({
  id: 'malformed',
  title: 'Malformed JWT: 1, 2 or 4 segments, bad base64url, a header that is not JSON',
  category: 'presence',
  refs: [rfc(7519, '7.2'), rfc(7515, '7.1'), source('expired-certificate incident')],
  expect: 'IT',
  resolution:
    'Parse the token defensively: anything that is not three base64url segments with JSON header and payload is rejected with 401 invalid_token, never a 500.',
  async probes(ctx) {
    return Promise.all(
      Object.entries(VARIANTS).map(async ([label, forgery]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
  },
  order: 60,
});
