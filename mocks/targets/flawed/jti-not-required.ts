import { requireClaims } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'jti-not-required',
  flaw: 'Requires sub and client_id but not jti, so a token that cannot be revoked, audited or checked for replay by its id is accepted.',
  basedOn:
    "express-oauth2-jwt-bearer 1.10.0's default validator `jti: (jti) => (jti === undefined && !strict) || typeof jti === 'string'` (jti required only with `strict: true`); jsonwebtoken 9 checks jti only against a `jwtid` option; RFC 9068 §2.2.",
  catches: ['jti-missing', 'claim-types'],
  // Accepting it is a conformance breach, not a forged token let in (the scenario's ifAccepted).
  severity: 'major',
  introspects: true,
  options: { steps: { checkRequiredClaims: requireClaims('sub', 'client_id') } },
});
