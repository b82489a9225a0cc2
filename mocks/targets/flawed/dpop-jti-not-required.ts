import { handRolledProofCheck } from './dpop-hand-rolled.ts';
import { defineFlawedTarget } from './define.ts';
import type { Step } from '../reference/steps.ts';
import { checkProofReplay } from '../reference/dpop.ts';

/** The replay cache keyed by jti, which lets a proof without one through instead of refusing it. */
const replayIfJti: Step = (ctx) => {
  const proof = ctx.request.dpop?.[0] ?? '';
  const jti = (JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString() || '{}') as { jti?: unknown }).jti;
  return jti === undefined ? undefined : checkProofReplay(ctx);
};

export default defineFlawedTarget({
  name: 'dpop-jti-not-required',
  flaw: 'Remembers the jti of each proof to refuse replays, but lets a proof without jti through, which no replay check can then recognise.',
  basedOn: '`if (jti) seen.add(jti)` replay caches; RFC 9449 §4.2 requires jti, §11.1.',
  catches: ['dpop-jti-missing'],
  severity: 'major',
  introspects: true,
  dpop: true,
  options: { steps: { checkProof: handRolledProofCheck('jti-not-required'), checkProofReplay: replayIfJti } },
});
