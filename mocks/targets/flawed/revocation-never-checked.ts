import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'revocation-never-checked',
  flaw: 'Validates tokens locally only and never asks the IdP (no introspection, no revocation list), so a revoked token works until it expires and an IdP outage goes unnoticed.',
  basedOn: 'RFC 7009 / RFC 7662: the usual stateless-JWT deployment; seed 002 TokenBlocked.',
  catches: ['revoked', 'introspection-down'],
  severity: 'critical',
  introspects: false,
  options: {},
});
