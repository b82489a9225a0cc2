import { defineScenario, type ProbeSpec } from '../define.ts';
import { STEP_UP_REFS } from './step-up.ts';

export default defineScenario({
  id: 'step-up-satisfied',
  title: 'A token that meets the step-up rules in another way must be accepted: each other acr value accepted, an auth_time within max_age',
  category: 'step-up',
  refs: [...STEP_UP_REFS],
  expect: 'OK',
  resolution:
    'Accept any one of the acr values the endpoint lists (acr_values is a list of alternatives, RFC 9470 §3) and any auth_time no older than the maximum age, measured from auth_time rather than iat.',
  skip: (endpoint) =>
    (endpoint.acr?.length ?? 0) > 1 || (endpoint.maxAge ?? 0) >= 2
      ? undefined
      : 'not applicable: the endpoint accepts one acr value and declares no maximum authentication age, so the baseline is the only token that meets its step-up rules',
  async probes(ctx) {
    const probes: ProbeSpec[] = [];
    for (const acr of (ctx.endpoint.acr ?? []).slice(1)) {
      probes.push({ label: `acr "${acr}"`, credential: { kind: 'token', token: await ctx.forge({ claims: { acr } }) } });
    }
    const maxAge = ctx.endpoint.maxAge;
    if (maxAge !== undefined && maxAge >= 2) {
      // Half the maximum age ago: well within it, yet not the just-now auth_time of the baseline.
      const authTime = ctx.fault.now - Math.floor(maxAge / 2);
      probes.push({
        label: 'auth_time within max_age',
        credential: { kind: 'token', token: await ctx.forge({ claims: { auth_time: authTime } }) },
      });
    }
    return probes;
  },
  order: 30,
});
