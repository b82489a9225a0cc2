import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const checkAudience: Step = (ctx) => {
  if (ctx.claims?.aud !== ctx.options.audience) return invalidToken('InvalidAudience');
};

export default defineFlawedTarget({
  name: 'aud-string-only',
  flaw: 'Compares aud with the API identifier as one string, so a valid token whose aud is an array containing the API is refused.',
  basedOn:
    'RFC 7519 §4.1.3 (aud is a string or an array of strings); hand-written `claims.aud === audience` checks break as soon as an IdP issues multi-audience tokens.',
  catches: ['audience-array'],
  severity: 'major',
  introspects: true,
  options: { steps: { checkAudience } },
});
