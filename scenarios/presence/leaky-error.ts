import { defineScenario, type ProbeSpec } from '../define.ts';
import { internalsIn } from '../lib/internals.ts';
import type { Finding } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { cwe, rfc } from '../lib/refs.ts';

/** A claim value no API would write by itself: seeing it in an answer means the token was decoded and echoed. */
export const CANARY = 'gauntlet-leak-canary-5d1f0a';

const flipFirst = (s: string): string => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

/** Two ways of failing that libraries like to explain at length: a bad signature and a broken payload. */
const VARIANTS: Record<string, Forgery> = {
  'bad signature': {
    claims: { gauntlet_canary: CANARY },
    finish: (t) => {
      const [h, p, s = ''] = t.split('.');
      return `${h}.${p}.${flipFirst(s)}`;
    },
  },
  'payload cut short': { rawPayload: (claims) => JSON.stringify({ gauntlet_canary: CANARY, ...claims }).slice(0, -1) },
};

export default defineScenario({
  id: 'leaky-error',
  title: 'Invalid token whose error answer must stay generic (no token content, stack trace, path, library or SQL)',
  category: 'presence',
  refs: [cwe(209), rfc(6750, '3.1')],
  expect: 'IT',
  resolution:
    'Answer a refused token with a fixed, generic message (error="invalid_token" and a short description); log the details server-side, never return the token, its claims, stack traces, paths, library names or queries.',
  async probes(ctx) {
    return Promise.all(
      Object.entries(VARIANTS).map(async ([label, forgery]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
  },
  async inspect(_ctx, obs) {
    // Echo of the raw token is the judge's own leak check; this looks for what decoding or crashing reveals.
    const text = [obs.body, ...Object.values(obs.headers)].join('\n');
    const findings: Finding[] = [];
    if (text.includes(CANARY)) {
      findings.push({
        check: 'leak',
        severity: 'minor',
        message: 'the error answer echoes claims of the refused token (CWE-209); answer with a generic message',
      });
    }
    const internals = internalsIn(text);
    if (internals.length) {
      findings.push({
        check: 'leak',
        severity: 'minor',
        message: `the error answer names internals: ${internals.join(', ')} (CWE-209); answer with a generic message and log the details`,
      });
    }
    return findings;
  },
  order: 110,
});
