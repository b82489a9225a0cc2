/**
 * What a profile's expectation means on an API that wants DPoP: its challenges use the `DPoP` scheme
 * and name the proof algorithms (`algs`), and a bad proof is `invalid_dpop_proof` rather than
 * `invalid_token`. Nothing changes for a Bearer API.
 * @see RFC 9449 §7.1
 */
import type { Expectation } from '../../scenarios/profiles/profile.ts';
import type { Probe } from '../probe.ts';

export function forTokenType(exp: Expectation, tokenType: 'bearer' | 'dpop' | 'mtls', probe?: Pick<Probe, 'binding'>): Expectation {
  if (tokenType !== 'dpop' || exp.accept || !exp.challenge || exp.challenge.scheme.toLowerCase() !== 'bearer') return exp;
  const invalidProof = probe?.binding?.kind === 'dpop' && probe.binding.invalid === true && exp.challenge.error === 'invalid_token';
  return {
    ...exp,
    challenge: {
      ...exp.challenge,
      scheme: 'DPoP',
      ...(exp.challenge.error ? { algs: true } : {}),
      ...(invalidProof ? { error: 'invalid_dpop_proof' } : {}),
    },
  };
}
