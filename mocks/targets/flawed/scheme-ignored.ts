import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** `authorization.split(' ')[1]`: whatever follows the first space is the token, whatever the scheme. */
const extractCredential: Step = (ctx) => {
  const auth = ctx.request.authorization;
  const space = auth?.indexOf(' ') ?? -1;
  if (space === -1) return referenceSteps.extractCredential(ctx);
  return runWith(referenceSteps.extractCredential, ctx, { request: { ...ctx.request, authorization: `Bearer ${auth!.slice(space + 1)}` } });
};

export default defineFlawedTarget({
  name: 'scheme-ignored',
  flaw: 'Takes the token from after the first space of the Authorization header without checking the scheme, so `Basic <token>` or `Token <token>` authenticates.',
  basedOn: "The ubiquitous tutorial middleware `const token = authHeader && authHeader.split(' ')[1]` (RFC 6750 §3, RFC 9110 §11.6.2).",
  catches: ['wrong-scheme'],
  severity: 'major',
  introspects: true,
  options: { steps: { extractCredential } },
});
