import { defineScenario, type ProbeSpec } from '../define.ts';
import { describeLocation, isDefaultLocation, isRfc6750Method, takesBody } from '../lib/location.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'multi-method',
  title: 'Valid token sent two ways at once: Authorization header and ?access_token= (or form body)',
  category: 'presence',
  formats: ['jwt', 'opaque'],
  refs: [rfc(6750, '3.1'), rfc(6750, '2')],
  expect: 'IR',
  ifAccepted: { severity: 'major', means: 'a valid token sent two ways at once' },
  resolution:
    'Refuse a request that carries the token in more than one of the header, the query and the form body with 400 invalid_request; never pick one of them silently.',
  skip: (_endpoint, config) =>
    isRfc6750Method(config.token)
      ? undefined
      : `the API reads tokens from ${describeLocation(config.token)}, not one of the RFC 6750 methods`,
  async probes(ctx) {
    const loc = ctx.config.token;
    const forged = await ctx.forge();
    const token = forged.token;
    const specs: ProbeSpec[] = [];
    const base = { credential: { kind: 'token', token: forged } } as const;
    if (!isDefaultLocation(loc)) specs.push({ ...base, label: 'Authorization header too', headers: { authorization: `Bearer ${token}` } });
    if (loc.in !== 'query') specs.push({ ...base, label: 'query too', query: { access_token: token } });
    if (loc.in !== 'form' && takesBody(ctx.endpoint.method)) specs.push({ ...base, label: 'form body too', form: { access_token: token } });
    return specs;
  },
  order: 80,
});
