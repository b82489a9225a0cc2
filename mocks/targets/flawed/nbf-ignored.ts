import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'nbf-ignored',
  flaw: 'Never looks at nbf, so a token that is not valid yet is accepted.',
  basedOn: "Hand-written validators that check exp only, and jsonwebtoken's `ignoreNotBefore: true` (RFC 7519 §4.1.5).",
  catches: ['nbf-future', 'date-types'],
  severity: 'critical',
  options: { steps: { checkNotBefore: skip } },
});
