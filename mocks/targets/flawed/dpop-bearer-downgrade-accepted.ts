import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'dpop-bearer-downgrade-accepted',
  flaw: 'Checks the DPoP proof whenever the scheme is DPoP, and accepts the same bound token under the Bearer scheme without any proof.',
  basedOn:
    'Middleware that adds DPoP beside Bearer and branches on the scheme, e.g. oauth4webapi validateJwtAccessToken without requireDPoP checks a proof only for the DPoP scheme, a DPoP header or cnf; RFC 9449 §7.2.',
  catches: ['dpop-bearer-downgrade'],
  severity: 'critical',
  introspects: true,
  dpop: true,
  options: { steps: { checkBoundScheme: skip } },
});
