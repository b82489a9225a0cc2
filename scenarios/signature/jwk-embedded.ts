import { defineScenario } from '../define.ts';
import { attackerKey } from '../lib/attacker-key.ts';
import { cve, cwe, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'jwk-embedded',
  title: "Attacker's key (public, or with its private members) in the jwk header, token signed by that key",
  category: 'signature',
  refs: [rfc(7515, '4.1.3'), rfc(8725, '3.10'), cve('2018-0114'), cwe(347)],
  expect: 'IT',
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    'Ignore the jwk header member: verify only with keys from the configured JWKS, selected by kid, and reject with 401 invalid_token.',
  async probes(ctx) {
    const attacker = await attackerKey(ctx.idp.minter.shape.alg);
    const token = await ctx.forge({ header: { jwk: attacker.publicJwk }, signWith: attacker.signWith });
    // The whole key pair, private members included: a library importing the jwk whole gets a private key it may still verify with.
    const withPrivate = await ctx.forge({ header: { jwk: attacker.privateJwk }, signWith: attacker.signWith });
    return [
      { label: 'public key in jwk', credential: { kind: 'token', token } },
      { label: 'key pair with its private members in jwk', credential: { kind: 'token', token: withPrivate } },
    ];
  },
  order: 90,
});
