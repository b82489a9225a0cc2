import { defineScenario } from '../define.ts';
import { cve, cwe, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'sig-stripped',
  title: 'Signature removed: header.payload. with an empty third segment',
  category: 'signature',
  refs: [rfc(7515, '5.2'), cve('2020-28042'), cwe(347)],
  expect: 'IT',
  auditCodes: ['InvalidSignature'],
  resolution:
    'Treat an empty signature as an invalid one: verify every token against its key and reject when the signature is missing, with 401 invalid_token.',
  async probes(ctx) {
    const token = await ctx.forge({ finish: (t) => t.slice(0, t.lastIndexOf('.') + 1) });
    return { credential: { kind: 'token', token } };
  },
  order: 20,
});
