import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'directory-unchecked',
  flaw: "Trusts a valid token without looking up its client, subject and tenant in the API's own records, so unknown or blocked clients, disabled users, switched-off tenants and disallowed grants all pass: one missing lookup.",
  basedOn:
    "the login audit trail (InvalidIntegration, IntegrationBlocked, EntityOrRoleDisabled, FeatureDisabled, AuthorizationCodeGrantRequired are the API's own checks after the token is valid).",
  catches: ['unknown-client', 'blocked-client', 'subject-disabled', 'feature-disabled', 'grant-not-allowed'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkDirectory: skip } },
});
