import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const checkType: Step = (ctx) => {
  if (ctx.header?.typ !== ctx.options.requiredTyp) return invalidToken(ctx.header?.typ === 'rt+jwt' ? 'TokenRejected' : 'InvalidTokenType');
};

export default defineFlawedTarget({
  name: 'typ-exact-match',
  flaw: 'Requires typ to be exactly "at+jwt", so a valid token typed "application/at+jwt" is refused.',
  basedOn:
    'RFC 9068 §4 and RFC 7515 §4.1.9 (the application/ prefix may be omitted, media types compare case-insensitively); exact-string typ checks in hand-written RFC 9068 validators.',
  catches: ['typ-long-form', 'typ-shape'],
  severity: 'major',
  introspects: true,
  options: { steps: { checkType } },
});
