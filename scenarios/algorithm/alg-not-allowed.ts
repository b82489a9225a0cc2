import { webcrypto } from 'node:crypto';
import type { SigningAlg, SigningKey } from '../../mocks/idp/keys.ts';
import type { MockIdp } from '../../mocks/idp/idp.ts';
import { defineScenario } from '../define.ts';
import { rfc, source } from '../lib/refs.ts';

const RSA: readonly SigningAlg[] = ['RS256', 'PS256'];

/** Real algorithms an RSA key can sign with that the IdP never uses (it signs RS256 or PS256 only). */
const VARIANTS = [
  { alg: 'RS384', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' } },
  { alg: 'RS512', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' } },
  { alg: 'PS384', params: { name: 'RSA-PSS', hash: 'SHA-384' } },
] as const;

/** The baseline's key when it is RSA, else the first loaded RSA key. */
function rsaKey(idp: MockIdp): SigningKey {
  const alg = RSA.includes(idp.minter.shape.alg) ? idp.minter.shape.alg : RSA.find((a) => idp.keys.algs.includes(a))!;
  return idp.keys.activeKey(alg);
}

export default defineScenario({
  id: 'alg-not-allowed',
  title: 'Trusted RSA key used with an algorithm outside the allowlist (RS384, RS512, PS384)',
  category: 'algorithm',
  refs: [rfc(8725, '3.2'), rfc(8725, '3.1'), source('login audit trail')],
  expect: 'IT',
  auditCodes: ['UnsupportedAlgo'],
  resolution:
    'Verify with an explicit allowlist holding only the algorithms your IdP signs with, and bind each key to the alg its JWK declares; reject anything else with 401 invalid_token.',
  skip(_endpoint, config) {
    return config.idp.algs.some((a) => RSA.includes(a)) ? undefined : 'no RSA key is loaded (RS256 or PS256); add one to idp.algs (--algs)';
  },
  async probes(ctx) {
    const key = rsaKey(ctx.idp);
    // Web Crypto binds the hash at import, so the same private key is imported once per algorithm.
    const { alg: _alg, kid: _kid, key_ops: _ops, ext: _ext, use: _use, ...jwk } = key.privateJwk;
    return Promise.all(
      VARIANTS.map(async ({ alg, params }) => {
        const privateKey = await webcrypto.subtle.importKey('jwk', jwk as JsonWebKey, params, false, ['sign']);
        const token = await ctx.forge({
          header: { alg, kid: key.kid },
          signWith: { kind: 'key', privateKey, alg, name: `${key.kid} as ${alg}` },
        });
        return { label: `${alg} with the ${key.alg} key`, credential: { kind: 'token' as const, token } };
      }),
    );
  },
  order: 30,
});
