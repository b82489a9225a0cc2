import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** What Java 15-18's ECDSA did: r = s = 0 satisfies the verification equation for any message. */
const zeroSignature = (token: string): boolean => {
  const signature = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  return signature.length > 0 && signature.every((b) => b === 0);
};

const verifySignature: Step = (ctx) =>
  String(ctx.header?.alg).startsWith('ES') && zeroSignature(ctx.token ?? '') ? undefined : referenceSteps.verifySignature(ctx);

export default defineFlawedTarget({
  name: 'psychic-signature',
  flaw: 'The ECDSA verifier does not check that r and s lie in [1, n-1], so an all-zero ES256 signature verifies any token.',
  basedOn: 'CVE-2022-21449 ("psychic signatures", Java 15-18 ECDSA in the JDK).',
  catches: ['psychic-sig'],
  severity: 'critical',
  options: { steps: { verifySignature } },
});
