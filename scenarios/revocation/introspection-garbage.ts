import { garbledAnswer } from '../lib/introspection-faults.ts';
import { statelessReason } from '../lib/not-applicable.ts';
import { defineScenario } from '../define.ts';
import { cwe, rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'introspection-garbage',
  title: 'The IdP\'s introspection answers 200 with garbage: not JSON, an HTML page, "active" as a string',
  category: 'revocation',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7662, '2.2'), cwe(636), source('fail-closed principle')],
  expect: 'REJECT',
  resolution:
    'Take only a JSON object with a boolean "active" for an introspection answer (RFC 7662 §2.2), compare active === true, never its truthiness, and refuse the request (503 or 401) on anything else.',
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async probes(ctx) {
    return [
      await garbledAnswer(ctx, 'introspection answers text/plain "OK"', 'not-json'),
      await garbledAnswer(ctx, 'introspection answers an HTML sign-in page', 'html'),
      // A revoked token, its answer written by a proxy that quotes booleans: "false" is truthy.
      await garbledAnswer(ctx, 'a revoked token; introspection answers "active": "false" (a string)', 'active-string', true),
    ];
  },
  order: 25,
});
