import { defineScenario, type Variant } from '../define.ts';
import { cwe, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'issuer-key-binding',
  title: "Two trusted issuers: a token naming one issuer, signed with the other's key",
  category: 'identity',
  refs: [rfc(9700, '4.15'), rfc(8725, '3.8'), rfc(8414, '3'), cwe(347)],
  expect: 'IT',
  auditCodes: ['MissingKey', 'InvalidSignature', 'InvalidIssuer'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    "Take each token's keys from the JWKS of the issuer its iss names, and only from that one: never look a kid up across every trusted issuer's keys. Reject with 401 invalid_token.",
  skip(_endpoint, config) {
    return (config.idp.issuers ?? 1) < 2
      ? 'not applicable: the config declares one trusted issuer (idp.issuers: 1); set idp.issuers: 2 and make the API trust every issuer in env.issuers to check that each is held to its own keys'
      : undefined;
  },
  async probes(ctx) {
    const other = ctx.idp.extraIssuers[0];
    if (!other) throw new TypeError('idp.issuers is 2 or more but the IdP serves one issuer');
    const own = ctx.idp.keys.activeKey(ctx.idp.minter.shape.alg);
    const foreign = other.keys.activeKey(ctx.idp.minter.shape.alg);
    const variants: Variant[] = [
      {
        label: `iss ${ctx.idp.issuer}, signed with the key of ${other.issuer}`,
        credential: {
          kind: 'token',
          token: await ctx.forge({
            header: { kid: foreign.kid },
            signWith: { kind: 'key', privateKey: foreign.privateKey, alg: foreign.alg, name: `${foreign.kid} (${other.issuer})` },
          }),
        },
      },
      {
        label: `iss ${other.issuer}, signed with the key of ${ctx.idp.issuer}`,
        credential: { kind: 'token', token: await ctx.forge({ claims: { iss: other.issuer }, header: { kid: own.kid } }) },
      },
    ];
    return variants;
  },
});
