/** A scenario that sends one fault from the IdP's fault library as a Bearer token. */
import { faults, type FaultId } from '../../mocks/idp/faults.ts';
import { defineScenario, type Scenario } from '../define.ts';

export function faultScenario(fault: FaultId, meta: Omit<Scenario, 'id' | 'probes'>): Scenario {
  return defineScenario({
    id: fault,
    ...meta,
    async probes(ctx) {
      return { credential: { kind: 'token', token: await ctx.forge(faults[fault](ctx.fault)) } };
    },
  });
}
