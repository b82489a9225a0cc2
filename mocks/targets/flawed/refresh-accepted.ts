import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** Written to keep ID tokens out: it refuses what an ID token looks like, and lets every other type in. */
const checkType: Step = (ctx) => {
  const typ = ctx.header?.typ;
  if (typeof typ !== 'string' || typ.toUpperCase() === 'JWT') return invalidToken('InvalidTokenType');
};

export default defineFlawedTarget({
  name: 'refresh-accepted',
  flaw: 'The type check is a blocklist against ID tokens (typ JWT or none), so a refresh token (typ rt+jwt) is accepted for access.',
  basedOn:
    'grails-spring-security-rest#391 (refresh token allowed as access token) and Apache OFBiz OFBIZ-13493 (refresh JWTs accepted as bearer credentials); the login audit trail TokenRejected.',
  catches: ['refresh-as-access', 'typ-shape'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkType } },
});
