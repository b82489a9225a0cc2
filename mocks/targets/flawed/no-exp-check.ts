import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'no-exp-check',
  flaw: 'Never looks at exp, so expired tokens, tokens without exp and tokens whose exp is not a number all pass.',
  basedOn:
    "jsonwebtoken's `ignoreExpiration: true` and PyJWT's `options={'verify_exp': False}`, copied from debugging snippets into production (CWE-613).",
  catches: ['expired', 'exp-boundary', 'exp-missing', 'exp-type', 'exp-range'],
  severity: 'critical',
  options: { steps: { checkExpiry: skip } },
});
