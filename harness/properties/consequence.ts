/**
 * What it means when the API accepts a property case it should refuse (severity by consequence).
 * A case whose only definite faults are in how a VALID token was carried (a line break, another
 * scheme, a tab after the scheme: rules T1-T3) or a required claim whose absence opens no hole (no
 * iat, sub, client_id or jti: RFC 9068 §2.2, as the catalogue's *-missing scenarios grade it) is a
 * conformance breach without a direct hole: major. Anything else that is accepted is a token that
 * must not work here: critical (the default). A missing iss or aud is critical (rules C1, C2).
 */
import type { IfAccepted } from '../core/if-accepted.ts';
import type { Mutation } from './mutation.ts';
import type { Violation } from './oracle.ts';

const CARRIAGE = new Set(['T1', 'T2', 'T3']);

/** The oracle's words for a missing required claim whose absence opens no hole. */
const HARMLESS_ABSENCE = new Set(['no iat', 'no sub', 'no client_id', 'no jti']);

function majorOnly(v: Violation): boolean {
  return CARRIAGE.has(v.rule) || ((v.rule === 'C5' || v.rule === 'C7') && HARMLESS_ABSENCE.has(v.why));
}

export function consequence(mutations: readonly Mutation[], violations: readonly Violation[]): IfAccepted | undefined {
  const definite = violations.filter((v) => v.kind === 'definite');
  if (!definite.length || !definite.every(majorOnly)) return undefined;
  const carriage = definite.some((v) => CARRIAGE.has(v.rule));
  // A carriage fault hides the token's own faults from the oracle: only a token left as minted is valid.
  if (carriage && mutations.some((m) => m.kind !== 'transport')) return undefined;
  const missing = definite.map((v) => v.why.replace(/^no /, '')).join(', ');
  return {
    severity: 'major',
    means: carriage ? `a valid token carried with ${definite.map((v) => v.why).join(', ')}` : `a token without ${missing}`,
  };
}
