import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';

const HOUR = 3600;

export default defineScenario({
  id: 'date-types',
  title: 'nbf or iat that is not a JSON number (numeric string, null, array, boolean, object), and fractional dates',
  category: 'time',
  // Type faults only: a date in the future written as a string must not dodge the nbf or iat check.
  refs: [rfc(7519, '2'), rfc(7519, '4.1.5'), rfc(7519, '4.1.6'), rfc(9068, '2.2')],
  expect: 'IT',
  resolution:
    'Read nbf and iat only as JSON numbers: refuse strings, null, arrays, booleans and objects with 401 invalid_token instead of skipping the check or coercing them.',
  async probes(ctx) {
    const { now, leeway, lifetime } = ctx.fault;
    // nbf an hour beyond the leeway: a not-yet-valid token, whichever way a validator reads it.
    const nbf = now + leeway + HOUR;
    const send = async (label: string, claims: Record<string, unknown>, extra: Partial<ProbeSpec> = {}): Promise<ProbeSpec> => ({
      label,
      credential: { kind: 'token', token: await ctx.forge({ claims }) },
      ...extra,
    });
    // iat is required (RFC 9068 §2.2): one the API cannot read is a required claim it cannot use, not a forgery.
    const iatFault = { ifAccepted: { severity: 'major' as const, means: 'a token whose iat is not a NumericDate' } };
    return Promise.all([
      send('nbf in the future, as a numeric string', { nbf: String(nbf) }),
      send('nbf in the future, in an array', { nbf: [nbf] }),
      send('nbf in the future, in an object', { nbf: { value: nbf } }),
      send('nbf null', { nbf: null }),
      send('nbf true', { nbf: true }),
      send('iat as a numeric string', { iat: String(now) }, iatFault),
      send('iat in an array', { iat: [now] }, iatFault),
      send('iat null', { iat: null }, iatFault),
      send('iat true', { iat: true }, iatFault),
      // RFC 7519 §2 allows non-integer NumericDates: accepting is right, refusing a strictness choice; a crash is neither.
      send('exp, nbf and iat fractional (valid)', { exp: now + lifetime + 0.5, nbf: now - 0.5, iat: now - 0.5 }, { expect: ['OK', 'IT'] }),
    ]);
  },
  order: 45,
});
