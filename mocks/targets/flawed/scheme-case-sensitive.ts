import { noCredentials } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** `authorization.startsWith('Bearer ')`: `bearer` and `BEARER` count as another scheme. */
const extractCredential: Step = (ctx) => {
  const scheme = ctx.request.authorization?.split(' ')[0] ?? '';
  if (scheme !== 'Bearer' && scheme.toLowerCase() === 'bearer') return noCredentials();
  return referenceSteps.extractCredential(ctx);
};

export default defineFlawedTarget({
  name: 'scheme-case-sensitive',
  flaw: 'Compares the auth scheme case-sensitively, so a valid token sent as `bearer …` or `BEARER …` is refused as no credentials.',
  basedOn: "RFC 9110 §11.1 (auth schemes are case-insensitive); `startsWith('Bearer ')` checks in hand-written middleware.",
  catches: ['scheme-case'],
  severity: 'major',
  introspects: true,
  options: { steps: { extractCredential } },
});
