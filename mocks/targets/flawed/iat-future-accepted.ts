import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'iat-future-accepted',
  flaw: 'Never looks at iat, so a token issued in the future (a broken or hostile issuer clock) is accepted.',
  basedOn: 'Most JWT libraries check iat only on request (e.g. jose `maxTokenAge`, PyJWT validates iat only as a number); seed 002 rejects it as TokenNotAcceptable.',
  catches: ['iat-future'],
  severity: 'critical',
  options: { steps: { checkIssuedAt: skip } },
});
