import { defineScenario, type ProbeSpec } from '../define.ts';
import { arrayShapes, spellingShapes, typeShapes } from '../lib/claim-shapes.ts';
import { rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'typ-shape',
  title: 'typ header in another shape: an array holding at+jwt, another JSON type, a look-alike (and other case, which must be accepted)',
  category: 'type',
  // typ is one string, a media type compared case-insensitively: "AT+JWT" is at+jwt, ["at+jwt"] is not.
  refs: [rfc(9068, '4'), rfc(7515, '4.1.9'), rfc(8725, '3.11')],
  expect: 'IT',
  auditCodes: ['InvalidTokenType'],
  resolution:
    'Require typ to be a JSON string equal to "at+jwt" or "application/at+jwt" ignoring case only: refuse arrays, other types, look-alikes, padding and NUL bytes with 401 invalid_token.',
  async probes(ctx) {
    const typ = ctx.idp.minter.shape.typ || 'at+jwt';
    const send = async ([label, value]: readonly [string, unknown], extra: Partial<ProbeSpec> = {}): Promise<ProbeSpec> => ({
      label: `typ ${label}`,
      credential: { kind: 'token', token: await ctx.forge({ header: { typ: value } }) },
      ...extra,
    });
    return Promise.all([
      ...[...arrayShapes(typ, 'JWT'), ...typeShapes(typ), ...spellingShapes(typ, { caseMatters: false })].map((shape) => send(shape)),
      // RFC 7515 §4.1.9: media types are case-insensitive, so refusing this is refusing a valid token.
      send(['upper case (valid)', typ.toUpperCase()], { expect: 'OK' }),
    ]);
  },
  order: 25,
});
