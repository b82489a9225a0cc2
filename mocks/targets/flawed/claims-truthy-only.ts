import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** `if (!claims.sub || !claims.client_id || !claims.jti)`: presence by truthiness, not type. */
const checkRequiredClaims: Step = (ctx) => {
  for (const claim of ['sub', 'client_id', 'jti']) if (!ctx.claims?.[claim]) return invalidToken('TokenRejected');
};

export default defineFlawedTarget({
  name: 'claims-truthy-only',
  flaw: 'Tests sub, client_id and jti for truthiness instead of type, so an array, an object, a number or true passes as the subject, the client or the token id.',
  basedOn:
    'The `if (!payload.sub) throw` pattern of hand-written validators; RFC 9068 §2.2 and RFC 7519 §4.1.2 make them strings (a replay cache or session keyed on `String(["a"])` merges identities).',
  catches: ['claim-types'],
  severity: 'major',
  options: { steps: { checkRequiredClaims } },
});
