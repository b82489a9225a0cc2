import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** `const [header, payload, signature] = token.split('.')`: parts beyond the third are dropped, not refused. */
const parseToken: Step = (ctx) => {
  const [h = '', p = '', s = ''] = (ctx.token ?? '').split('.');
  if (ctx.token && ctx.token.split('.').length > 3) ctx.token = `${h}.${p}.${s}`;
  return referenceSteps.parseToken(ctx);
};

export default defineFlawedTarget({
  name: 'parts-destructured',
  flaw: 'Destructures the first three dot-separated parts and verifies those, so a valid token with one or two parts appended (a JWE-shaped five-part token) is accepted.',
  basedOn:
    "`const [h, p, s] = token.split('.')` without a length check, in hand-written verifiers; RFC 7519 §7.2 (exactly three parts for a JWS) and RFC 7516 §9 (telling JWS from JWE by the part count).",
  catches: ['malformed', 'jwe-compact'],
  severity: 'critical',
  options: { steps: { parseToken } },
});
