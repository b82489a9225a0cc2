import { availableParallelism } from 'node:os';

/**
 * The default number of scenario × endpoint units run side by side: the work is mostly waiting on the
 * target and the IdP, so two per core, at least 2 and at most 8 (a small target is not flooded).
 */
export function defaultConcurrency(): number {
  return Math.min(8, Math.max(2, availableParallelism() * 2));
}
