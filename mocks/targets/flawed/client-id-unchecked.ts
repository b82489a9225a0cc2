import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'client-id-unchecked',
  flaw: "Requires the caller's client_id header but never compares it with the token's client_id, so a token stolen from one client works for another.",
  basedOn:
    "the gateway messages (the gateway's Client ID Validation interceptor beside the token) and the login audit trail InvalidIntegration.",
  catches: ['client-mismatch'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkClientId: skip } },
});
