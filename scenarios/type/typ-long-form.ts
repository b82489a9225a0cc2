import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';

const PREFIX = 'application/';

export default defineScenario({
  id: 'typ-long-form',
  title: 'typ in its long form, application/at+jwt (positive control)',
  category: 'type',
  refs: [rfc(9068, '4'), rfc(7515, '4.1.9')],
  expect: 'OK',
  resolution:
    'Accept typ "application/at+jwt" as well as "at+jwt" (RFC 9068 §4; RFC 7515 §4.1.9 lets the application/ prefix be omitted), case-insensitively.',
  async probes(ctx) {
    const typ = ctx.idp.minter.shape.typ;
    // A baseline already in the long form is sent in the short one: the two spellings must be equivalent.
    const other = typ.toLowerCase().startsWith(PREFIX) ? typ.slice(PREFIX.length) : `${PREFIX}${typ}`;
    return { label: `typ "${other}"`, credential: { kind: 'token', token: await ctx.forge({ header: { typ: other } }) } };
  },
  order: 20,
});
