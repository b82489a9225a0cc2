import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64url');

export default defineScenario({
  id: 'nested-jwt',
  title: 'Nested JWT (cty "JWT"): a signed outer token whose payload is an unsigned inner JWT',
  category: 'presence',
  // The inner token is alg none: an API that follows cty JWT and takes the inner claims unverified accepts it.
  refs: [rfc(7519, '5.2'), rfc(7519, '7.2'), rfc(8725, '3.11'), rfc(9068, '4')],
  expect: 'IT',
  resolution:
    'Do not process nested JWTs in an access token (RFC 9068 has none): refuse a cty of "JWT" or a payload that is not a JSON object with 401 invalid_token, and never take claims from an inner token you did not verify.',
  async probes(ctx) {
    const baseline = await ctx.forge();
    const inner = `${b64(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${b64(JSON.stringify(baseline.claims))}.`;
    const token = await ctx.forge({ header: { cty: 'JWT' }, rawPayload: () => inner });
    const spec: ProbeSpec = { label: 'outer signed by the IdP, cty JWT, inner alg none', credential: { kind: 'token', token } };
    return spec;
  },
  order: 77,
});
