import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** PyJWT 2.10.0: `if payload["iss"] not in issuer` with issuer a str is a substring test. */
const checkIssuer: Step = (ctx) => {
  const iss = ctx.claims?.iss;
  if (typeof iss !== 'string' || !ctx.options.issuer.includes(iss)) return invalidToken('InvalidIssuer');
};

export default defineFlawedTarget({
  name: 'issuer-substring',
  flaw: 'Accepts any iss that is a substring of the trusted issuer, so a truncated issuer passes.',
  basedOn: 'CVE-2024-53861 (PyJWT 2.10.0: `iss not in issuer` on a string is a substring check).',
  catches: ['issuer-lookalike', 'iss-shape'],
  severity: 'critical',
  options: { steps: { checkIssuer } },
});
