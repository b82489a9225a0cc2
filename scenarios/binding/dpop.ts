/**
 * What the DPoP scenarios share: they apply only to an API configured for DPoP, and each sends the
 * baseline (a bound token, the DPoP scheme) with a proof changed in one way.
 * @see RFC 9449 §4.3, §7.1
 */
import type { Binding, ProbeSpec, ScenarioContext } from '../define.ts';
import { rfc } from '../lib/refs.ts';

type DpopProofPlan = NonNullable<Extract<Binding, { kind: 'dpop' }>['proof']>;

export const DPOP_REFS = [rfc(9449, '4.3'), rfc(9449, '7.1')] as const;

/** Skip reason on an API not configured for DPoP. */
export function notDpop(_endpoint: unknown, config: { tokenType: string }): string | undefined {
  return config.tokenType === 'dpop'
    ? undefined
    : 'not applicable: the API is not configured for DPoP (tokenType: "dpop" in the config when it takes DPoP-bound tokens)';
}

/** The baseline bound token with a proof changed as `proof` says; `invalid`: a correct API answers invalid_dpop_proof. */
export async function withProof(ctx: ScenarioContext, label: string, proof: DpopProofPlan, invalid = true): Promise<ProbeSpec> {
  return { label, credential: { kind: 'token', token: await ctx.forge() }, binding: { kind: 'dpop', proof, invalid } };
}
