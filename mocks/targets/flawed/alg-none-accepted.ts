import { referenceSteps, type Step, type StepContext } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const unsigned = (ctx: StepContext): boolean => typeof ctx.header?.alg === 'string' && ctx.header.alg.toLowerCase() === 'none';

/** The library's view of `none`: an unsigned token, so there is no algorithm to refuse, no key to find, nothing to verify. */
const unlessUnsigned =
  (step: Step): Step =>
  (ctx) =>
    unsigned(ctx) ? undefined : step(ctx);

export default defineFlawedTarget({
  name: 'alg-none-accepted',
  flaw: 'Treats alg "none" (any letter case) as a valid unsigned token; one flaw that the allowlist, the key lookup and the verification all share, so all three let it through.',
  basedOn:
    'CVE-2015-2951 (JWT-Simple) and the 2015 Auth0 advisory "Critical vulnerabilities in JSON Web Token libraries"; case variants beat blocklists (RFC 8725 §3.1).',
  catches: ['alg-none'],
  severity: 'critical',
  options: {
    steps: {
      checkAlgorithm: unlessUnsigned(referenceSteps.checkAlgorithm),
      resolveKey: unlessUnsigned(referenceSteps.resolveKey),
      verifySignature: unlessUnsigned(referenceSteps.verifySignature),
    },
  },
});
