import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'iat-future-accepted',
  flaw: 'Never looks at iat, so a token issued in the future (a broken or hostile issuer clock) is accepted, and so is one without iat.',
  basedOn:
    'Most JWT libraries check iat only on request (e.g. jose `maxTokenAge`, PyJWT validates iat only as a number); the login audit trail rejects it as TokenNotAcceptable.',
  catches: ['iat-future', 'iat-missing', 'date-types'],
  severity: 'critical',
  // A token without iat accepted is a conformance breach, not a forged token let in (the scenario's ifAccepted).
  bySeverity: { 'iat-missing': 'major', 'date-types': 'major' },
  options: { steps: { checkIssuedAt: skip } },
});
