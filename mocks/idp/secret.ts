/**
 * The control API's per-run secret: random, never persisted, compared in constant time. Whoever can
 * change the IdP's state mid-run (block the client, stall the JWKS, rotate keys) can corrupt a running
 * gauntlet's verdicts, so only the process that started the IdP, or one it told, may.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header a control call carries the secret in. */
export const CONTROL_HEADER = 'x-gauntlet-control';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** a === b, in time independent of where they differ (both are hashed first, so lengths do not leak). */
export function sameSecret(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
