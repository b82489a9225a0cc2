import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** How long after the request the background fetch goes out: after the 401 has been sent. */
const AFTER_MS = 50;

/** Keys come only from the configured JWKS, but a jku is "warmed" in the background, after the answer. */
export const resolveKey: Step = async (ctx) => {
  const jku = ctx.header?.jku ?? ctx.header?.x5u;
  if (typeof jku === 'string') {
    setTimeout(() => {
      fetch(jku, { signal: AbortSignal.timeout(ctx.options.idpTimeoutMs) })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }, AFTER_MS).unref();
  }
  return referenceSteps.resolveKey(ctx);
};

export default defineFlawedTarget({
  name: 'jku-fetched-late',
  flaw: 'Refuses a token naming a foreign jku or x5u, as it must, but fetches that URL in the background a moment after answering (a key cache warmed from token headers): the request forgery happens although every answer is a correct 401.',
  basedOn:
    'Key caches and loggers that resolve header URLs off the request path: the server-side request forgery of RFC 8725 §3.10 and CWE-918 without any visible change to the answer; only the outbound request shows it.',
  catches: ['jku-x5u'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
