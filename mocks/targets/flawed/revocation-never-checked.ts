import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'revocation-never-checked',
  flaw: 'Validates tokens locally only and never asks the IdP (no introspection, no revocation list), so a revoked token works until it expires; an introspection outage cannot touch it, so introspection-down is not applicable (observed: no introspection request) rather than a second finding.',
  basedOn: 'RFC 7009 / RFC 7662: the usual stateless-JWT deployment; the login audit trail TokenBlocked.',
  catches: ['revoked'],
  severity: 'critical',
  introspects: false,
  options: {},
});
