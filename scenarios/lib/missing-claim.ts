/** A scenario that sends the baseline with one claim removed (RFC 9068 §2.2: each required claim MUST be present). */
import { defineScenario, type Scenario } from '../define.ts';

export function missingClaimScenario(claim: string, meta: Omit<Scenario, 'id' | 'probes'>): Scenario {
  return defineScenario({
    id: `${claim.replace(/_/g, '-')}-missing`,
    ...meta,
    async probes(ctx) {
      return { credential: { kind: 'token', token: await ctx.forge({ claims: { [claim]: undefined } }) } };
    },
  });
}
