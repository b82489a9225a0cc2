/**
 * One property's search for its distinct failures, within its case budget.
 *
 * fast-check stops at the first failing case and shrinks it; a worse failure later in the budget would
 * hide behind it (a validator that answers 500 to a nested aud and 200 to a token with no aud showed only
 * the 500). So the search runs fast-check in rounds over one stream of cases, the property's seed:
 *   - a round is `fc.check` from case `offset` on (`path: "<offset>"`, fast-check's own way of starting a
 *     run part way along a seed's stream; the path it reports is then absolute, from the seed);
 *   - a case fails only when its failure class (failure-class.ts) is not one found already, so each
 *     round stops at the first new failure, which fast-check shrinks; while shrinking, a candidate counts
 *     as failing only when it is at least as severe as the smallest failing case so far: a shrink may
 *     reach a worse failure (a 403 to "exp as a string + no scope" shrinks to "exp as a string",
 *     accepted), never a milder one; the failure listed is the class of the smallest case;
 *   - the next round starts after the case that started the shrink, until the budget of cases is spent.
 * Every case of the stream is sent at most once outside shrinking, and every failure found keeps its
 * seed and path: `fc.check(property, { seed, path })` (or `caseAtPath`) reaches its shrunk case again.
 *
 * Bounds, so that a hung target does not multiply the cost: one shrink budget (executions and
 * milliseconds, from the first failure on) for all the rounds together; past it a failure is listed as
 * found, unshrunk. A case that cannot be sent because its endpoint stopped answering (the run's one
 * count of consecutive timeouts, harness/target-guard.ts) halts the search: no further case is sent.
 * At most MAX_LISTED failures are kept, worst first; once that many are listed only a worse one is
 * looked for. A case interrupted by the signal ends the search as interrupted.
 */
import fc from 'fast-check';
import { SEVERITY_ORDER } from '../core/finding.ts';
import { classKey, worseFirst, type FailureClass } from './failure-class.ts';

/**
 * Executions and milliseconds spent looking for smaller counterexamples, over all the failures of one
 * property, before settling for the smallest found so far: a hanging target costs a timeout per execution.
 */
export const SHRINK_BUDGET = 400;
export const SHRINK_MS = 60_000;
/** Distinct failures listed per property. */
export const MAX_LISTED = 5;

export type Judged<O> =
  | {
      outcome: O;
      /** Null when the case passed. */
      failure: FailureClass | null;
    }
  /** The case could not be sent, and no further one can be: why (the endpoint stopped answering). */
  | { halt: string };

export interface SearchOptions<T, O> {
  arbitrary: fc.Arbitrary<T>;
  seed: number;
  runs: number;
  /** Send and judge one case; `shrink` while looking for a smaller one. A throw ends the search and is rethrown (once the signal aborted, it ends it as interrupted). */
  judge(value: T, phase: 'run' | 'shrink'): Promise<Judged<O>>;
  /** Once per case of the budget sent (not for shrink candidates). */
  onRun?(): void;
  signal?: AbortSignal;
}

export interface Found<T, O> {
  value: T;
  outcome: O;
  failure: FailureClass;
  /** fast-check path from the seed to the shrunk case. */
  path: string;
  shrinks: number;
}

export interface SearchResult<T, O> {
  /** Distinct failures, worst first (then in the order found). */
  found: Array<Found<T, O>>;
  /** Cases of the budget sent. */
  sent: number;
  /** Stopped by the signal. */
  interrupted: boolean;
  /** Why the search stopped sending before its budget was spent (a case that could not be sent); null when it did not. */
  halted: string | null;
  /** The property threw something other than a judged case: the harness's fault. */
  harnessError?: { message: string; path: string | null };
}

class CaseFailure<O> extends Error {
  constructor(
    readonly outcome: O,
    readonly failure: FailureClass,
  ) {
    super(classKey(failure));
  }
}

/** The property fast-check runs: the same shape in the search and in `caseAtPath`, so paths agree. */
function property<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<boolean>): fc.IAsyncProperty<[T]> {
  return fc.asyncProperty(arbitrary, predicate);
}

/** The case a seed and a path lead to, without sending anything: fast-check's own replay, stopped at its first case. */
export async function caseAtPath<T>(arbitrary: fc.Arbitrary<T>, seed: number, path: string): Promise<T> {
  let first: { value: T } | undefined;
  await fc.check(
    property(arbitrary, async (value) => {
      first ??= { value };
      return false;
    }),
    { seed, path, endOnFailure: true },
  );
  if (!first) throw new Error(`no case at path ${path}`);
  return first.value;
}

export async function search<T, O>(o: SearchOptions<T, O>): Promise<SearchResult<T, O>> {
  const found: Array<Found<T, O>> = [];
  const known = new Set<string>();
  let sent = 0;
  let offset = 0;
  let halted: string | null = null;
  let shrinkRuns = 0;
  let shrinkUntil = Infinity;
  let interrupted = false;
  let fatal: unknown;
  /** A new failure is worth stopping for: the list has room, or it is worse than the least bad listed. */
  const wanted = (f: FailureClass): boolean =>
    !known.has(classKey(f)) && (found.length < MAX_LISTED || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[found.at(-1)!.failure.severity]);

  while (offset < o.runs && !interrupted && !halted) {
    let shrinking: FailureClass | null = null;
    const prop = property(o.arbitrary, async (value) => {
      if (fatal) throw fatal;
      if (o.signal?.aborted) {
        interrupted = true;
        return true;
      }
      if (halted) return true;
      // Past the budget every candidate "passes": fast-check then keeps the smallest failure found so far.
      if (shrinking && (++shrinkRuns > SHRINK_BUDGET || performance.now() > shrinkUntil)) return true;
      let judged: Judged<O>;
      try {
        judged = await o.judge(value, shrinking ? 'shrink' : 'run');
      } catch (err) {
        if (o.signal?.aborted) {
          interrupted = true;
          return true;
        }
        fatal = err;
        throw err;
      }
      if ('halt' in judged) {
        halted = judged.halt;
        return true;
      }
      if (!shrinking) {
        sent++;
        o.onRun?.();
      }
      const f = judged.failure;
      if (!f || !wanted(f)) return true;
      if (shrinking && SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[shrinking.severity]) return true;
      if (!shrinking && shrinkUntil === Infinity) shrinkUntil = performance.now() + SHRINK_MS;
      shrinking = f;
      throw new CaseFailure(judged.outcome, f);
    });
    const details = await fc.check(prop, { seed: o.seed, numRuns: o.runs - offset, ...(offset > 0 ? { path: String(offset) } : {}) });
    if (fatal) throw fatal;
    if (!details.failed) break;
    if (!(details.errorInstance instanceof CaseFailure)) {
      const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      return { found, sent, interrupted, halted, harnessError: { message, path: details.counterexamplePath } };
    }
    const failure = details.errorInstance as CaseFailure<O>;
    const path = details.counterexamplePath!;
    known.add(classKey(failure.failure));
    found.push({
      value: details.counterexample![0],
      outcome: failure.outcome,
      failure: failure.failure,
      path,
      shrinks: details.numShrinks,
    });
    found.sort((a, b) => worseFirst(a.failure, b.failure));
    if (found.length > MAX_LISTED) found.pop();
    offset = Number(path.split(':')[0]) + 1;
    if (found.length >= MAX_LISTED && found.every((x) => x.failure.severity === 'critical')) break;
  }
  return { found, sent, interrupted, halted };
}
