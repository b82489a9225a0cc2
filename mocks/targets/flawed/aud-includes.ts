import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** "includes works for a string and an array alike": on a string it is a substring match. */
const checkAudience: Step = (ctx) => {
  const aud = ctx.claims?.aud;
  if (!((typeof aud === 'string' || Array.isArray(aud)) && aud.includes(ctx.options.audience))) return invalidToken('InvalidAudience');
};

export default defineFlawedTarget({
  name: 'aud-includes',
  flaw: 'Checks `aud.includes(audience)` for a string or an array alike; on a string that is a substring match, so an aud of the API identifier padded with spaces or followed by a NUL byte passes.',
  basedOn:
    'The one-line `claims.aud.includes(expected)` check of hand-written middleware (String.prototype.includes vs Array.prototype.includes); RFC 7519 §4.1.3.',
  catches: ['aud-shape'],
  severity: 'critical',
  options: { steps: { checkAudience } },
});
