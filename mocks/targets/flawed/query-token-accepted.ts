import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

/** No Authorization header: the ?access_token= parameter is read as if it had been sent there. */
const extractCredential: Step = (ctx) => {
  const { authorization, query } = ctx.request;
  const token = query.get('access_token');
  if (authorization !== undefined || token === null) return referenceSteps.extractCredential(ctx);
  const rest = new URLSearchParams(query);
  rest.delete('access_token');
  return runWith(referenceSteps.extractCredential, ctx, { request: { ...ctx.request, authorization: `Bearer ${token}`, query: rest } });
};

export default defineFlawedTarget({
  name: 'query-token-accepted',
  flaw: 'Reads the token from ?access_token= when there is no Authorization header, so tokens end up in access logs, browser history and Referer headers.',
  basedOn:
    'RFC 6750 §2.3 and §5.3 (query tokens SHOULD NOT be used), CWE-598; passport-http-bearer and many frameworks read access_token from the query by default.',
  catches: ['query-token'],
  severity: 'major',
  introspects: true,
  options: { steps: { extractCredential } },
});
