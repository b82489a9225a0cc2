import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'no-max-lifetime',
  flaw: 'No maximum lifetime: a token valid for a day (or a year) is accepted as long as exp is in the future.',
  basedOn:
    'the login audit trail (TokenValidityTooBroad: no more than two hours); jose `maxTokenAge` and jsonwebtoken `maxAge` are off by default.',
  catches: ['too-broad'],
  severity: 'critical',
  options: { steps: { checkLifetime: skip } },
});
