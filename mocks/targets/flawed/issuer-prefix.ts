import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const checkIssuer: Step = (ctx) => {
  if (!String(ctx.claims?.iss).startsWith(ctx.options.issuer)) return invalidToken('InvalidIssuer');
};

export default defineFlawedTarget({
  name: 'issuer-prefix',
  flaw: 'Matches iss by prefix (startsWith), so any issuer that extends the trusted one (a trailing slash, `…evil`, `….evil.example`) passes.',
  basedOn:
    'CWE-1023 incomplete comparison: the prefix form of the partial issuer match of CVE-2024-53861 (PyJWT), typically written to tolerate a trailing slash.',
  catches: ['issuer-lookalike', 'iss-shape'],
  severity: 'critical',
  options: { steps: { checkIssuer } },
});
