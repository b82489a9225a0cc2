import { X509Certificate } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** An x5c in the header is the verification key: the leaf certificate's public key, its chain never built to a trust anchor. */
const resolveKey: Step = async (ctx) => {
  const x5c = ctx.header?.x5c;
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') return referenceSteps.resolveKey(ctx);
  try {
    const leaf = new X509Certificate(Buffer.from(x5c[0], 'base64'));
    // Parsed and in date: that is all it checks.
    if (Date.parse(leaf.validTo) < ctx.now * 1000) return invalidToken('InvalidSignature');
    ctx.key = (await importJWK(leaf.publicKey.export({ format: 'jwk' }) as JWK, String(ctx.header?.alg))) as CryptoKey;
  } catch {
    return invalidToken('InvalidSignature');
  }
};

export default defineFlawedTarget({
  name: 'x5c-unchained',
  flaw: "Verifies with the public key of the token's x5c leaf certificate after checking only that it parses and is in date, never chaining it to a trust anchor (and never comparing it with x5t).",
  basedOn:
    "CVE-2021-29451 (portofino: x5c trusted), CVE-2022-24771/24772 (node-forge chain checks), and x5c trust in jwt_tool's -X s/-X i test list; RFC 7515 §4.1.6, RFC 8725 §3.10, CWE-295.",
  catches: ['x5c-embedded'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
