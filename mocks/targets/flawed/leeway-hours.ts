import { defineFlawedTarget } from './define.ts';

/** Five minutes meant in milliseconds, read as seconds: about 83 hours. */
const LEEWAY = 300_000;

export default defineFlawedTarget({
  name: 'leeway-hours',
  flaw: 'Clock leeway of 300 000 s (five minutes meant in milliseconds), so exp, nbf and iat all tolerate ~83 hours: one setting, three checks weakened.',
  basedOn:
    "jsonwebtoken's `clockTolerance` and jose's `clockTolerance` take seconds; `clockTolerance: 5 * 60 * 1000` is a recurring misconfiguration (RFC 7519 §4.1.4 allows only a few minutes).",
  catches: ['expired', 'exp-boundary', 'nbf-future', 'iat-future'],
  severity: 'critical',
  options: { leeway: LEEWAY },
});
