import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** typ normalised to a list, any entry of which may say at+jwt. */
const checkType: Step = (ctx) => {
  const required = ctx.options.requiredTyp.toLowerCase();
  const ok = [ctx.header?.typ]
    .flat()
    .some((t) => typeof t === 'string' && (t.toLowerCase() === required || t.toLowerCase() === `application/${required}`));
  if (!ok) return invalidToken('InvalidTokenType');
};

export default defineFlawedTarget({
  name: 'typ-array-accepted',
  flaw: 'Normalises the typ header to a list and accepts the token when any entry is at+jwt, so typ ["JWT", "at+jwt"] or ["at+jwt"] passes the explicit-typing check.',
  basedOn:
    'Header helpers that treat every member as "string or array" ([x].flat()); RFC 7515 §4.1.9 makes typ one media-type string, RFC 8725 §3.11.',
  catches: ['typ-shape'],
  severity: 'critical',
  options: { steps: { checkType } },
});
