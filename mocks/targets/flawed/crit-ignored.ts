import { compactVerify } from 'jose';
import { invalidToken } from '../reference/rejection.ts';
import { skip, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** The reference's verification, told that every extension the token marks critical is understood. */
const verifySignature: Step = async (ctx) => {
  if (!ctx.key || !ctx.token) return invalidToken('InvalidSignature');
  const named = Array.isArray(ctx.header?.crit) ? ctx.header.crit.map(String) : [];
  try {
    await compactVerify(ctx.token, ctx.key, {
      algorithms: [String(ctx.header?.alg)],
      crit: Object.fromEntries(named.map((n) => [n, true])),
    });
  } catch {
    return invalidToken('InvalidSignature');
  }
};

export default defineFlawedTarget({
  name: 'crit-ignored',
  flaw: "Ignores the crit header, so a token that demands an extension the API does not implement is accepted; one flaw, but the reference enforces crit twice (its own header check and jose's verification), so both are relaxed.",
  basedOn: 'RFC 7515 §4.1.11 (crit MUST be understood or the JWS rejected); jsonwebtoken and most hand-written verifiers never read crit.',
  catches: ['crit-unknown', 'header-shape'],
  severity: 'critical',
  options: { steps: { checkHeaderMembers: skip, verifySignature } },
});
