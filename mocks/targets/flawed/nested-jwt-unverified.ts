import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** cty "JWT": the payload is the inner token, whose claims are read without verifying it (the outer signature is). */
const parseToken: Step = (ctx) => {
  const [h = '', p = ''] = (ctx.token ?? '').split('.');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  } catch {
    return referenceSteps.parseToken(ctx);
  }
  if ((header as { cty?: unknown })?.cty !== 'JWT') return referenceSteps.parseToken(ctx);
  const inner = Buffer.from(p, 'base64url').toString('utf8').split('.');
  try {
    ctx.claims = JSON.parse(Buffer.from(inner[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return invalidToken('TokenRejected');
  }
  ctx.header = header as Record<string, unknown>;
};

export default defineFlawedTarget({
  name: 'nested-jwt-unverified',
  flaw: 'Follows cty "JWT" and takes the claims of the inner token, verifying only the outer signature, so an unsigned inner token rides inside any JWS the IdP signed.',
  basedOn:
    'Nested-JWT handling of RFC 7519 §5.2/§7.2 step 8 without verifying the inner JWS (the nimbus-jose-jwt and jose4j nested-token processors verify both; hand-written ones often do not); RFC 8725 §3.11.',
  catches: ['nested-jwt'],
  severity: 'critical',
  options: { steps: { parseToken } },
});
