import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** `authorization.replace(/^Bearer\s+/i, '')`: any run of whitespace after the scheme is eaten. */
const extractCredential: Step = (ctx) => {
  const auth = ctx.request.authorization;
  if (auth === undefined) return referenceSteps.extractCredential(ctx);
  return runWith(referenceSteps.extractCredential, ctx, { request: { ...ctx.request, authorization: auth.replace(/^(\S+)\s+/, '$1 ') } });
};

export default defineFlawedTarget({
  name: 'whitespace-collapsed',
  flaw: 'Eats any run of whitespace after the scheme, tabs included, so `Bearer<TAB>token` (RFC 9110 §11.4 allows only spaces there) is used as if it had been sent exactly; several spaces, which RFC 6750 §2.1 allows, are not the flaw.',
  basedOn:
    "the gateway messages (credentials must be used exactly as generated, without added spaces or line breaks); `replace(/^Bearer\\s+/i, '')` and `.trim()` in token extraction (RFC 6750 §2.1 allows 1*SP, never a tab).",
  catches: ['whitespace-altered'],
  severity: 'major',
  introspects: true,
  options: { steps: { extractCredential } },
});
