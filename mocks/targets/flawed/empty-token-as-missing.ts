import { noCredentials } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** `if (!token) return missing()`: an empty string is falsy. */
const extractCredential: Step = (ctx) => {
  const auth = ctx.request.authorization;
  if (auth !== undefined && /^bearer\s*$/i.test(auth)) return noCredentials();
  return referenceSteps.extractCredential(ctx);
};

export default defineFlawedTarget({
  name: 'empty-token-as-missing',
  flaw: 'Answers `Bearer ` with nothing after it as a request without credentials (a bare challenge) instead of as a failed attempt (invalid_token).',
  basedOn:
    'RFC 6750 §3.1 (a present but unusable token is invalid_token or invalid_request); `if (!token)` treats the empty string as absent.',
  catches: ['empty-token'],
  severity: 'minor',
  introspects: true,
  options: { steps: { extractCredential } },
});
