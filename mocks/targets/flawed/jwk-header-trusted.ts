import { importJWK, type JWK } from 'jose';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** A jwk in the header is the verification key: its public members imported, whoever made it. */
const resolveKey: Step = async (ctx) => {
  const jwk = ctx.header?.jwk;
  if (typeof jwk !== 'object' || jwk === null) return referenceSteps.resolveKey(ctx);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk as JWK;
  try {
    ctx.key = (await importJWK(pub, String(ctx.header?.alg))) as CryptoKey;
  } catch {
    return invalidToken('InvalidSignature');
  }
};

export default defineFlawedTarget({
  name: 'jwk-header-trusted',
  flaw: 'Verifies with the key the token carries in its jwk header (its public members, when it holds a whole key pair) instead of a key from the configured JWKS.',
  basedOn:
    'CVE-2018-0114 (node-jose: embedded jwk trusted), CVE-2022-3102 (python-jwt / JWCrypto jwk header trust); RFC 8725 §3.10, CWE-347.',
  catches: ['jwk-embedded'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
