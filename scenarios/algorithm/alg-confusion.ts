import { defineScenario, type ProbeSpec } from '../define.ts';
import { hmacResign, keyTexts, leadingSpaces } from './key-texts.ts';
import { cve, rfc, source } from '../lib/refs.ts';

const HS = [256, 384, 512] as const;

export default defineScenario({
  id: 'alg-confusion',
  title: 'HS256/384/512 keyed with the trusted public key, in every text an app may hold (algorithm confusion)',
  category: 'algorithm',
  refs: [rfc(8725, '3.2'), rfc(7515, '10.7'), cve('2015-9235'), cve('2016-10555'), cve('2022-29217'), source('login audit trail')],
  expect: 'IT',
  // An API that takes no HMAC says UnsupportedAlgo; one that does take HS256 (with its own secret)
  // refuses the confused token for its signature, which is as right.
  auditCodes: ['UnsupportedAlgo', 'InvalidSignature'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    'Bind each key to its algorithm (the JWK alg) and never let the token header choose HMAC for an RSA, EC or OKP key, whatever form (PEM, DER, JWK text) you hold it in.',
  async probes(ctx) {
    const { keys, minter } = ctx.idp;
    const baseline = keys.activeKey(minter.shape.alg);
    // The baseline's key in every form under every HMAC; each other loaded key (RSA, EC, OKP) in the
    // forms that differ by type, under HS256: the confused lookup goes by kid, so any trusted key will do.
    const plan = [
      ...keyTexts(baseline.publicJwk, true).flatMap((text) => HS.map((bits) => ({ key: baseline, text, bits }))),
      { key: baseline, text: leadingSpaces(baseline.publicJwk), bits: 256 as const },
      ...keys.algs
        .filter((alg) => alg !== baseline.alg)
        .map((alg) => keys.activeKey(alg))
        .flatMap((key) => keyTexts(key.publicJwk, false).map((text) => ({ key, text, bits: 256 as const }))),
    ];
    // Most common first: `gauntlet mint alg-confusion` prints the first (HS256 over the PEM file text).
    return Promise.all(
      plan.map(async ({ key, text, bits }): Promise<ProbeSpec> => {
        const token = await ctx.forge({
          header: { alg: `HS${bits}`, kid: key.kid },
          signWith: { kind: 'hmac', secret: 'unused' },
          finish: (t) => hmacResign(t, bits, text.secret),
        });
        return { label: `HS${bits} keyed with the ${key.alg} key's ${text.name}`, credential: { kind: 'token', token } };
      }),
    );
  },
  order: 20,
});
