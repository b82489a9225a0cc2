import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** iss read like aud: a string or a list of them, any one of which may match. */
const checkIssuer: Step = (ctx) => {
  if (![ctx.claims?.iss].flat().includes(ctx.options.issuer)) return invalidToken('InvalidIssuer');
};

export default defineFlawedTarget({
  name: 'iss-array-accepted',
  flaw: 'Reads iss like aud, as a string or an array of strings any one of which may be the issuer, so ["attacker", "<issuer>"] passes the issuer check.',
  basedOn:
    'Shared helpers that normalise every claim with `[claim].flat()` / `Array.isArray(x) ? x : [x]` before an includes(); RFC 7519 §4.1.1 makes iss one StringOrURI, never an array.',
  catches: ['iss-shape'],
  severity: 'critical',
  options: { steps: { checkIssuer } },
});
