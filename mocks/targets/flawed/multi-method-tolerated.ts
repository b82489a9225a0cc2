import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** Only the header is looked at: a second copy in the query or the body is not noticed. */
const extractCredential: Step = (ctx) => {
  const query = new URLSearchParams(ctx.request.query);
  query.delete('access_token');
  return runWith(referenceSteps.extractCredential, ctx, { request: { ...ctx.request, query, form: undefined } });
};

export default defineFlawedTarget({
  name: 'multi-method-tolerated',
  flaw: 'Uses the Authorization header and silently ignores a second copy of the token in the query or form body, instead of refusing the ambiguous request with invalid_request.',
  basedOn:
    'RFC 6750 §3.1 (more than one method MUST be invalid_request); frameworks that pick the first location they find (header, then body, then query).',
  catches: ['multi-method'],
  severity: 'major',
  introspects: true,
  options: { steps: { extractCredential } },
});
