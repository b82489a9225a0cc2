import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'no-credentials',
  title: 'No token at all',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '3'), source('expired-certificate incident')],
  expect: 'NC',
  resolution:
    'Answer a request without credentials with 401 and `WWW-Authenticate: Bearer realm="…"` and NO error code: the client has not tried to authenticate yet (RFC 6750 §3).',
  async probes() {
    return { credential: { kind: 'none' } };
  },
  order: 10,
});
