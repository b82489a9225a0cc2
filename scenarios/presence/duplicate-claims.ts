import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';

const HOUR = 3600;

/** Append a second member with the same name: `{"…","exp":1}` → `{"…","exp":1,"exp":0}`. */
const twice = (json: string, name: string, value: unknown): string =>
  json.replace(/\}$/, `,${JSON.stringify(name)}:${JSON.stringify(value)}}`);

export default defineScenario({
  id: 'duplicate-claims',
  title: 'A claim (exp) or a header member (kid, alg) twice, the second copy invalid',
  category: 'presence',
  refs: [rfc(7515, '4'), rfc(7519, '4')],
  expect: 'IT',
  resolution:
    'Reject a JOSE header or claims set with a duplicate member name with 401 invalid_token (or, as RFC 7519 §4 allows, use only the lexically last one); never use the first.',
  async probes(ctx) {
    // The last copy is the bad one: RFC 7515/7519 allow rejecting duplicates or taking the last, so
    // only a parser that keeps the first copy accepts these.
    const expired = ctx.fault.now - ctx.fault.leeway - HOUR;
    const specs: Array<[string, Parameters<typeof ctx.forge>[0]]> = [
      ['exp twice, the last expired', { rawPayload: (claims) => twice(JSON.stringify(claims), 'exp', expired) }],
      ['kid twice, the last unknown', { rawHeader: (header) => twice(JSON.stringify(header), 'kid', 'gauntlet-unknown-kid-7c1e') }],
      // Signed under the first alg: a parser that keeps the first copy verifies it, one that keeps the last finds HS256.
      ['alg twice, the last HS256', { rawHeader: (header) => twice(JSON.stringify(header), 'alg', 'HS256') }],
    ];
    return Promise.all(
      specs.map(async ([label, forgery]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
  },
  order: 70,
});
