import { defineScenario, type ProbeSpec } from '../define.ts';
import { cve, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'json-serialization',
  title: 'The valid token in the JWS JSON serialization (flattened and general) sent as a bearer token',
  category: 'presence',
  // Not a b64token (RFC 6750 §2.1), so invalid_request is as right as invalid_token. Mixing the two
  // serializations is how python-jwt's CVE-2022-39227 let claims be swapped under a valid signature.
  refs: [rfc(6750, '2.1'), rfc(7515, '7.2'), rfc(7519, '1'), cve('2022-39227')],
  expect: ['IT', 'IR'],
  ifAccepted: { severity: 'major', means: 'a valid token in the JWS JSON serialization, which a JWT never uses' },
  resolution:
    'Accept access tokens only in the JWS compact serialization: refuse JSON (flattened or general) with 401 invalid_token or 400 invalid_request.',
  async probes(ctx) {
    const [protectedHeader = '', payload = '', signature = ''] = (await ctx.forge()).token.split('.');
    const flattened = JSON.stringify({ payload, protected: protectedHeader, signature });
    const general = JSON.stringify({ payload, signatures: [{ protected: protectedHeader, signature }] });
    const specs: ProbeSpec[] = [
      { label: 'flattened JWS JSON', credential: { kind: 'authorization', value: `Bearer ${flattened}` } },
      { label: 'general JWS JSON', credential: { kind: 'authorization', value: `Bearer ${general}` } },
    ];
    return specs;
  },
  order: 78,
});
