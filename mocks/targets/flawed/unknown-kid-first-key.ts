import { importJWK } from 'jose';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { fetchPublishedKeys } from './step-view.ts';

/** A kid nobody published does not stop the lookup: the first key of the token's algorithm stands in. */
const resolveKey: Step = async (ctx) => {
  const rejection = await referenceSteps.resolveKey(ctx);
  if (rejection?.code !== 'MissingKey') return rejection;
  const alg = String(ctx.header?.alg);
  const first = (await fetchPublishedKeys(ctx.options.jwksUri, ctx.options.idpTimeoutMs)).find((k) => k.alg === alg);
  if (!first) return rejection;
  ctx.key = (await importJWK(first, alg)) as CryptoKey;
};

export default defineFlawedTarget({
  name: 'unknown-kid-first-key',
  flaw: "When no published key has the token's kid, verifies with the first published key of the token's algorithm instead of rejecting; any kid then works, so retired keys' refetch probes, injected kids and another trusted issuer's kid pass too.",
  basedOn:
    'jose4j VerificationJwkSelector picking the first eligible key whatever the kid (bitbucket b_c/jose4j issue 162); RFC 8725 §3.10 (a kid is a lookup key, never a hint to fall back on).',
  catches: ['unknown-kid', 'retired-key', 'kid-injection', 'issuer-key-binding'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});
