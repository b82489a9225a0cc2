import { insufficientScope } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** `scope.includes(needed)`: a substring test on a string, a member test on an array. */
const checkScope: Step = (ctx) => {
  const needed = ctx.endpoint.scopes;
  if (needed.length === 0) return;
  const scope = ctx.claims?.scope;
  if (scope === undefined || scope === '') return insufficientScope('InvalidScope', needed);
  if (!needed.every((s) => (typeof scope === 'string' || Array.isArray(scope)) && scope.includes(s)))
    return insufficientScope('ScopeMismatched', needed);
};

export default defineFlawedTarget({
  name: 'scope-substring',
  flaw: 'Checks the needed scope with includes() on the raw claim, so "administrator", "x,admin" and an array all grant "admin".',
  basedOn:
    'kong-plugin-jwt-keycloak#31 (scopes matched as patterns/substrings of the scope string) and Envoy RBAC `string_match.contains` on x-jwt-scope (RFC 9068 §2.2.3).',
  catches: ['scope-tricks', 'scope-shape'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkScope } },
});
