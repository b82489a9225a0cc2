import type { JWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { runWith } from './step-view.ts';

const withoutCertificate = ({ x5c: _x5c, ...jwk }: JWK): JWK => jwk;

/** The key lookup never sees the x5c chain, so its validity period is never checked. */
const resolveKey: Step = (ctx) =>
  runWith(referenceSteps.resolveKey, ctx, {
    jwks: {
      lookup: async (kid) => (await ctx.jwks.lookup(kid)).map(withoutCertificate),
      importKey: (jwk, alg) => ctx.jwks.importKey(jwk, alg),
    },
  });

export default defineFlawedTarget({
  name: 'expired-cert-trusted',
  flaw: 'Ignores the x5c certificate of a JWKS key, so a key whose certificate has expired still verifies tokens.',
  basedOn:
    'the expired-certificate incident: Reflection for the Web before 9.0 never checked the expiry of the management server certificate that signs its authorization tokens; most JWT libraries ignore x5c (RFC 7517 §4.7).',
  catches: ['expired-cert'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
