import { statelessReason } from '../../harness/policy/not-applicable.ts';
import { defineScenario } from '../define.ts';

export default defineScenario({
  id: 'introspection-down',
  title: 'The IdP\'s introspection endpoint fails, then stalls',
  category: 'revocation',
  refs: ['RFC 7662 §2', 'RFC 7009', 'fail-closed principle'],
  expect: 'REJECT',
  resolution:
    'Fail closed when introspection errors or times out: refuse the request (503 or 401) within a short timeout, never serve it; an API that never introspects cannot see revocation at all.',
  skip: (_endpoint, config, observed) => statelessReason(config, observed, 'outage'),
  async setup(ctx) {
    ctx.idp.state.failures.set('introspect', 'fail');
  },
  async probes(ctx) {
    return [
      { label: 'introspection answers 503', credential: { kind: 'token', token: await ctx.forge() } },
      { label: 'introspection stalls', credential: { kind: 'token', token: await ctx.forge() } },
    ];
  },
  async inspect(ctx) {
    // The engine has no per-variant setup; inspect runs after each answer and before the next request,
    // so it moves the IdP on from failing to stalling for the second variant.
    ctx.idp.state.failures.set('introspect', 'stall');
    return [];
  },
  async cleanup(ctx) {
    ctx.idp.state.failures.clear();
    ctx.idp.state.releaseStalls();
  },
  order: 20,
});
