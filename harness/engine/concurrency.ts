import { availableParallelism } from 'node:os';

/**
 * The default number of scenario × endpoint units run side by side: the work is mostly waiting on the
 * target and the IdP, so two per core, at least 2 and at most 8 (a small target is not flooded).
 */
export function defaultConcurrency(): number {
  return Math.min(8, Math.max(2, availableParallelism() * 2));
}

/**
 * `work` on each item, at most `size` at a time, results in item order. After a failure no item is
 * started any more; the first error is thrown once those already running have settled, so a caller's
 * `finally` (restoring the IdP) never runs under work still in flight.
 */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        results[i] = await work(items[i]!);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failure) throw failure.err;
  return results;
}
