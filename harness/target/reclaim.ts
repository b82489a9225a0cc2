/**
 * Memory of oversized answers. An answer read up to the cap (--max-body, 4 MiB by default) becomes a
 * string of that size, dead as soon as it is observed (the observation keeps a copied excerpt). V8
 * collects such large strings only in a full collection, and lets them pile up to its old-generation
 * limit first: against a target answering 50 MB to every request, dead bodies drove the harness's peak
 * RSS past 330 MB. So once the bodies read since the last collection add up to RECLAIM_AFTER bytes,
 * the harness asks V8 for a full collection (gc, exposed at run time). Ordinary answers (a few hundred
 * bytes) never reach it: a run against an ordinary API never pays for a collection of its own.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes of large bodies (each at least LARGE) read between two collections. */
export const RECLAIM_AFTER = 32 * 1024 * 1024;
const LARGE = 256 * 1024;

let gc: (() => void) | undefined;
let read = 0;

/** A body of `bytes` was just read and decoded: collect once enough large ones were read since the last time. */
export function readLargeBody(bytes: number): void {
  if (bytes < LARGE) return;
  read += bytes;
  if (read < RECLAIM_AFTER) return;
  read = 0;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
