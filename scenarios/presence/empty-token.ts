import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'empty-token',
  title: 'The scheme with nothing after it (`Bearer `), or an empty token value',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '2.1'), rfc(6750, '3.1')],
  expect: ['IT', 'IR'],
  resolution:
    'Treat a present but empty credential as a failed attempt: 401 invalid_token (or 400 invalid_request), never as a missing credential or a crash.',
  async probes() {
    // An empty token placed like any other: `Bearer ` in the Authorization header, `name=` elsewhere.
    return { credential: { kind: 'token', token: '' } };
  },
  order: 40,
});
