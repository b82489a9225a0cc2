import { defineScenario } from '../define.ts';
import { slowAnswer } from '../lib/answer-time.ts';
import { cwe, rfc } from '../lib/refs.ts';

/** 10 000 levels of `{"a":…}` is 60 KB of JSON, so the signed token passes 64 KB. */
const DEPTH = 10_000;
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;

export default defineScenario({
  id: 'oversized',
  title: 'A 64 KB+ token, correctly signed, whose payload nests JSON 10 000 levels deep',
  category: 'exhaustion',
  refs: [cwe(400), cwe(674), rfc(6585, '5')],
  expect: 'REJECT',
  statuses: [400, 401, 413, 414, 431],
  ifAccepted: { severity: 'major', means: 'a 64 KB+ token (correctly signed, but far beyond any sane size)' },
  resolution:
    'Cap the token size (431 for an over-long header, or 401/413) and the JSON nesting depth before decoding; a huge or deeply nested token must be refused fast, never with a 5xx.',
  async probes(ctx) {
    const token = await ctx.forge({
      rawPayload: (claims) => JSON.stringify(claims).replace(/\}$/, `,"gauntlet_nested":${nested(DEPTH)}}`),
    });
    return { credential: { kind: 'token', token } };
  },
  inspect: async (_ctx, obs) => slowAnswer(obs),
  order: 20,
});
