/** The misbehaving targets, one file each (define.ts says what they are for). */
import badStatusLine from './bad-status-line.ts';
import closeMidBody from './close-mid-body.ts';
import drip from './drip.ts';
import garbage from './garbage.ts';
import halfHeaders from './half-headers.ts';
import hang from './hang.ts';
import hugeBody from './huge-body.ts';
import informationalForever from './informational-forever.ts';
import redirectLoop from './redirect-loop.ts';
import reset from './reset.ts';

export { serveMisbehaving, trustingIssuer, misbehaving, type Misbehaviour, type HeldAnswer } from './define.ts';
export { HUGE_BODY } from './huge-body.ts';

export const misbehaviours = [
  garbage,
  reset,
  closeMidBody,
  redirectLoop,
  hang,
  hugeBody,
  halfHeaders,
  informationalForever,
  badStatusLine,
  drip,
];
export { badStatusLine, closeMidBody, drip, garbage, halfHeaders, hang, hugeBody, informationalForever, redirectLoop, reset };
