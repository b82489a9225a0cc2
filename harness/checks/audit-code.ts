/** The audit-code check: the API recorded the failure under the code its audit trail promises. */
import type { Expectation } from '../core/expectation.ts';
import type { Observation } from '../core/observation.ts';
import type { Finding } from '../core/finding.ts';

export function checkAuditCode(obs: Observation, exp: Expectation): Finding | undefined {
  if (!exp.auditCode?.length || exp.accept) return undefined;
  if (obs.auditCode !== undefined && exp.auditCode.includes(obs.auditCode)) return undefined;
  const wanted = exp.auditCode.join(' or ');
  return {
    check: 'audit-code',
    severity: 'minor',
    message:
      obs.auditCode === undefined
        ? `expected audit code ${wanted}, found none (looked in ${obs.auditSource})`
        : `expected audit code ${wanted}, got ${obs.auditCode}`,
  };
}
