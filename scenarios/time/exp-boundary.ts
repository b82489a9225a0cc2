import { defineScenario, type ProbeSpec } from '../define.ts';

/** Distance from the boundary either way: the seconds between minting and checking cannot flip a verdict. */
const MARGIN = 5;

export default defineScenario({
  id: 'exp-boundary',
  title: 'exp just beyond and just inside the declared clock leeway',
  category: 'time',
  refs: ['RFC 7519 §4.1.4', 'seed 002'],
  expect: 'IT',
  auditCodes: ['TokenExpired', 'AccessTokenExpired'],
  resolution:
    'Reject a token once now ≥ exp + leeway and accept it until then, with exactly the leeway you declare (policy.leeway): neither none nor more.',
  async setup(ctx) {
    // Leeway stands for the skew between IdP and API clocks: an introspecting API must not hear "inactive"
    // for a token its own leeway still accepts, so the IdP tolerates the same skew for this scenario.
    ctx.idp.state.leeway = ctx.fault.leeway;
  },
  async probes(ctx) {
    const { now, leeway, lifetime } = ctx.fault;
    // iat moves with exp so the lifetime stays the baseline's and only exp is at issue.
    const at = async (label: string, exp: number, expect?: 'OK'): Promise<ProbeSpec> => ({
      label,
      credential: { kind: 'token', token: await ctx.forge({ claims: { exp, iat: exp - lifetime } }) },
      ...(expect ? { expect } : {}),
    });
    const specs = [at(`exp ${leeway + MARGIN} s ago: ${MARGIN} s beyond the ${leeway} s leeway`, now - leeway - MARGIN)];
    // With a leeway too small to keep MARGIN from both now and the boundary there is no "inside" to test.
    if (leeway >= MARGIN) specs.push(at(`exp ${leeway - MARGIN} s ago: ${MARGIN} s inside the ${leeway} s leeway`, now - leeway + MARGIN, 'OK'));
    if (leeway >= 2 * MARGIN) specs.push(at(`exp exactly now, inside the ${leeway} s leeway`, now, 'OK'));
    return Promise.all(specs);
  },
  async cleanup(ctx) {
    ctx.idp.state.leeway = 0;
  },
});
