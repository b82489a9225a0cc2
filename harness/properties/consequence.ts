/**
 * What it means when the API accepts a property case it should refuse (severity by consequence).
 * A case whose only definite faults are in how a VALID token was carried (a line break, another
 * scheme, a tab after the scheme: rules T1-T3) or a required claim that proves nothing by its absence
 * (no iat) is a conformance breach without a direct hole: major. Anything else that is accepted is a
 * token that must not work here: critical (the default).
 */
import type { IfAccepted } from '../../scenarios/define.ts';
import type { Mutation } from './mutation.ts';
import type { Violation } from './oracle.ts';

const CARRIAGE = new Set(['T1', 'T2', 'T3']);

function majorOnly(v: Violation): boolean {
  return CARRIAGE.has(v.rule) || (v.rule === 'C5' && v.why === 'no iat');
}

export function consequence(mutations: readonly Mutation[], violations: readonly Violation[]): IfAccepted | undefined {
  const definite = violations.filter((v) => v.kind === 'definite');
  if (!definite.length || !definite.every(majorOnly)) return undefined;
  const carriage = definite.some((v) => CARRIAGE.has(v.rule));
  // A carriage fault hides the token's own faults from the oracle: only a token left as minted is valid.
  if (carriage && mutations.some((m) => m.kind !== 'transport')) return undefined;
  return { severity: 'major', means: carriage ? `a valid token carried with ${definite.map((v) => v.why).join(', ')}` : 'a valid token without iat' };
}
