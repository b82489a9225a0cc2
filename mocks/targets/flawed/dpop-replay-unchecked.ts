import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-replay-unchecked',
  flaw: 'Validates every DPoP proof but keeps no record of the jtis it accepted, so the same proof is accepted again.',
  basedOn:
    'oauth4webapi validateJwtAccessToken leaves replay detection to its caller (as most DPoP libraries do), and callers skip it; RFC 9449 §11.1.',
  catches: ['dpop-jti-replayed'],
  severity: 'critical',
  introspects: true,
  dpop: true,
  options: { steps: { checkProofReplay: skip } },
});
