import { requireClaims } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'sub-not-required',
  flaw: 'Requires client_id and jti but not sub, so a token that names no subject is accepted.',
  basedOn:
    "express-oauth2-jwt-bearer 1.10.0's default validator `sub: (sub) => (sub === undefined && !strict) || typeof sub === 'string'` (sub required only with `strict: true`); jsonwebtoken 9 checks sub only against a `subject` option; RFC 9068 §2.2.",
  catches: ['sub-missing', 'claim-types'],
  // Accepting it is a conformance breach, not a forged token let in (the scenario's ifAccepted).
  severity: 'major',
  introspects: true,
  options: { steps: { checkRequiredClaims: requireClaims('client_id', 'jti') } },
});
