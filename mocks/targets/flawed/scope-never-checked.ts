import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'scope-never-checked',
  flaw: 'Authenticates the token but never checks its scope, so any valid token reaches /admin.',
  basedOn:
    'OWASP API5:2023 Broken Function Level Authorization; the login audit trail ScopeMismatched / InvalidScope (RFC 6750 §3.1 insufficient_scope).',
  catches: ['scope-missing', 'scope-empty', 'scope-tricks', 'scope-shape'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkScope: skip } },
});
