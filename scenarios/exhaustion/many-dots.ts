import { defineScenario } from '../define.ts';
import { slowAnswer } from '../lib/answer-time.ts';
import { cve, cwe } from '../lib/refs.ts';

export default defineScenario({
  id: 'many-dots',
  title: 'The scheme followed by 100 000 dots',
  category: 'exhaustion',
  refs: [cve('2025-30204'), cwe(400)],
  expect: 'REJECT',
  // 414 is how servers refuse the same bytes when the token location is the query string.
  statuses: [400, 401, 413, 414, 431],
  resolution:
    'Bound the credential size before parsing it (431 for an over-long header, else 401) and never split it on dots into unbounded parts; answer fast and never with a 5xx.',
  async probes() {
    return { credential: { kind: 'token', token: '.'.repeat(100_000) } };
  },
  inspect: async (_ctx, obs) => slowAnswer(obs),
  order: 10,
});
