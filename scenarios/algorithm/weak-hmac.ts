import { randomUUID } from 'node:crypto';
import { defineScenario, type ProbeSpec } from '../define.ts';
import { cve, rfc } from '../lib/refs.ts';

/** Secrets that wordlists try first: empty (CVE-2019-20933), tutorial defaults, jwt.io's sample. */
const SECRETS = ['', 'secret', 'your-256-bit-secret', 'secretkey', 'secret123', 'password', 'changeme', 'jwt-secret', 'key', '123456'];

/** The defaults a fallback secret takes most often: an unset variable read as '', and the tutorials' "secret". */
const FALLBACK_SECRETS = ['', 'secret'];

export default defineScenario({
  id: 'weak-hmac',
  title: 'HS256 signed with an empty or well-known secret, under the trusted, an unknown or no kid',
  category: 'algorithm',
  refs: [rfc(8725, '3.5'), rfc(7518, '3.2'), cve('2019-20933')],
  expect: 'IT',
  // An API that does not take HS256 at all says UnsupportedAlgo, which is the better answer; an unknown or absent kid may be refused as such.
  auditCodes: ['InvalidSignature', 'UnsupportedAlgo', 'MissingKey', 'MissingKeyId'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    'Accept only the asymmetric algorithms your IdP signs with; if you must use HS256, use a random secret of at least 256 bits that is in no wordlist, and reject with 401 invalid_token.',
  async probes(ctx) {
    const named = (secret: string) => (secret === '' ? 'empty secret' : `secret "${secret}"`);
    const withTrustedKid = SECRETS.map(async (secret): Promise<ProbeSpec> => ({
      label: named(secret),
      credential: { kind: 'token', token: await ctx.forge({ header: { alg: 'HS256' }, signWith: { kind: 'hmac', secret } }) },
    }));
    // A validator keeping HMAC secrets by kid may fall back to a default one when the kid is unknown or absent.
    const otherKids = FALLBACK_SECRETS.flatMap((secret) => [
      (async (): Promise<ProbeSpec> => ({
        label: `${named(secret)}, unknown kid`,
        credential: {
          kind: 'token',
          token: await ctx.forge({ header: { alg: 'HS256', kid: `gauntlet-hmac-${randomUUID()}` }, signWith: { kind: 'hmac', secret } }),
        },
      }))(),
      (async (): Promise<ProbeSpec> => ({
        label: `${named(secret)}, no kid`,
        credential: {
          kind: 'token',
          token: await ctx.forge({ header: { alg: 'HS256', kid: undefined }, signWith: { kind: 'hmac', secret } }),
        },
      }))(),
    ]);
    return Promise.all([...withTrustedKid, ...otherKids]);
  },
  order: 40,
});
