import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../core/finding.ts';
import type { FailureClass } from './failure-class.ts';
import { caseAtPath, MAX_LISTED, search, SHRINK_BUDGET, type Judged } from './search.ts';

/**
 * The search on its own, with a judge that is a plain function of the case (no target): how it walks the
 * stream, what it lists, and that its bounds hold. The real targets are in distinct-failures.test.ts.
 */
const cls = (severity: Severity, answer: string, rules: string[] = []): FailureClass => ({ severity, answer, rules });
const judged = (failure: FailureClass | null): Judged<null> => ({ outcome: null, failure });

describe('the search for distinct failures', () => {
  it('lists a critical found after a major, worst first, each at a path that replays to its shrunk case', async () => {
    const arbitrary = fc.integer({ min: 0, max: 10_000 });
    // Large cases are accepted (critical); one smaller case in 7 crashes (major). Shrinking goes towards 0, so a
    // crash never shrinks into an acceptance: the critical must be found by looking on.
    const critical = (v: number): boolean => v >= 9000;
    const major = (v: number): boolean => v < 9000 && v % 7 === 6;
    const judge = async (v: number) => judged(critical(v) ? cls('critical', 'OK', ['C2']) : major(v) ? cls('major', '5xx', ['C2']) : null);
    // A seed whose stream crashes before it accepts.
    const seed = [...Array(100).keys()].find((s) => {
      const xs = fc.sample(arbitrary, { seed: s, numRuns: 500 });
      const c = xs.findIndex(critical);
      return c > 0 && xs.findIndex(major) < c && xs.findIndex(major) >= 0;
    })!;
    const result = await search({ arbitrary, seed, runs: 500, judge });
    expect(result.found.map((f) => f.failure.severity)).toEqual(['critical', 'major']);
    const [c, m] = result.found.map((f) => Number(f.path.split(':')[0]));
    expect(m).toBeLessThan(c!);
    for (const f of result.found) expect(await caseAtPath(arbitrary, seed, f.path)).toBe(f.value);
    expect(result.sent).toBe(500);
  });

  it('sends every case of the budget once outside shrinking, in the order of the seed, and lists each class once', async () => {
    const arbitrary = fc.integer({ min: 0, max: 999 });
    const runs: number[] = [];
    const judge = async (v: number, phase: 'run' | 'shrink') => {
      if (phase === 'run') runs.push(v);
      return judged(v % 3 === 0 ? cls('minor', 'IT', [`R${v % 2}`]) : null);
    };
    const result = await search({ arbitrary, seed: 7, runs: 200, judge });
    expect(runs).toEqual(fc.sample(arbitrary, { seed: 7, numRuns: 200 }));
    expect(result.found.map((f) => f.failure.rules)).toEqual([['R0'], ['R1']]);
  });

  it('shrinks towards a worse failure, never a milder one', async () => {
    const arbitrary = fc.integer({ min: 0, max: 10_000 });
    // A seed whose first case is ≥ 100: the case the shrink starts from.
    const seed = [...Array(100).keys()].find((s) => fc.sample(arbitrary, { seed: s, numRuns: 1 })[0]! >= 100)!;
    // ≥ 100 is a major and below it the token is accepted (critical): shrinking the major reaches the critical.
    const up = await search({
      arbitrary,
      seed,
      runs: 1,
      judge: async (v) => judged(v >= 100 ? cls('major', 'IS', ['D']) : cls('critical', 'OK', ['D'])),
    });
    expect(up.found.map((f) => [f.failure.severity, f.value])).toEqual([['critical', 0]]);
    // The other way round, the critical stops at the smallest critical case, 100, and never becomes the major below it.
    const down = await search({
      arbitrary,
      seed,
      runs: 1,
      judge: async (v) => judged(v >= 100 ? cls('critical', 'OK', ['D']) : cls('major', 'IS', ['D'])),
    });
    expect(down.found.map((f) => [f.failure.severity, f.value])).toEqual([['critical', 100]]);
  });

  it('keeps one shrink budget for all the failures of a property', async () => {
    let shrinks = 0;
    const judge = async (v: number, phase: 'run' | 'shrink') => {
      if (phase === 'shrink') shrinks++;
      return judged(v > 5 ? cls('minor', 'IT', [`R${v % 4}`]) : null);
    };
    const result = await search({
      arbitrary: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 30 }).map((xs) => xs.reduce((a, b) => a + b, 0)),
      seed: 1,
      runs: 300,
      judge,
    });
    // The budget ran out during the first failures; the later ones are still listed, unshrunk.
    expect(shrinks).toBe(SHRINK_BUDGET);
    expect(result.found.length).toBe(4);
  });

  it('stops sending once a case cannot be sent (its endpoint gave up after its timeouts), keeping what it found', async () => {
    let calls = 0;
    const judge = async (): Promise<Judged<null>> => {
      calls++;
      // Three cases time out (a major failure, one class), then the endpoint is given up.
      return calls <= 3 ? judged(cls('major', 'no answer')) : { halt: 'skipped after 3 consecutive timeouts on GET /orders' };
    };
    const result = await search({ arbitrary: fc.integer(), seed: 9, runs: 100, judge });
    expect(result.halted).toBe('skipped after 3 consecutive timeouts on GET /orders');
    expect(result.found.map((f) => f.failure.answer)).toEqual(['no answer']);
    // Nothing after the halt: one call that halted, none after it (shrinking included).
    const atHalt = calls;
    expect(result.sent).toBeLessThan(atHalt);
    expect(calls).toBe(atHalt);
  });

  it('ends as interrupted, not as a harness error, when a case throws because the signal aborted', async () => {
    const abort = new AbortController();
    let calls = 0;
    const judge = async (): Promise<Judged<null>> => {
      if (++calls === 5) {
        abort.abort();
        throw new Error('interrupted: the request in flight was abandoned');
      }
      return judged(null);
    };
    const result = await search({ arbitrary: fc.integer(), seed: 3, runs: 100, judge, signal: abort.signal });
    expect(result.interrupted).toBe(true);
    expect(result.harnessError).toBeUndefined();
    expect(calls).toBe(5);
  });

  it('lists at most MAX_LISTED failures and then looks only for worse ones', async () => {
    const arbitrary = fc.integer({ min: 0, max: 1_000_000 });
    // Many minor classes everywhere; one critical late in the stream.
    const sample = fc.sample(arbitrary, { seed: 5, numRuns: 400 });
    const late = sample[350]!;
    const judge = async (v: number) => judged(v === late ? cls('critical', 'OK', ['C3']) : cls('minor', 'IT', [`R${v % 50}`]));
    const result = await search({ arbitrary, seed: 5, runs: 400, judge });
    expect(result.found).toHaveLength(MAX_LISTED);
    expect(result.found[0]!.failure).toEqual(cls('critical', 'OK', ['C3']));
    expect(result.found.slice(1).every((f) => f.failure.severity === 'minor')).toBe(true);
  });

  it('stops at the signal and says so', async () => {
    const abort = new AbortController();
    let calls = 0;
    const judge = async () => {
      if (++calls === 10) abort.abort();
      return judged(null);
    };
    const result = await search({ arbitrary: fc.integer(), seed: 2, runs: 100, judge, signal: abort.signal });
    expect(result.interrupted).toBe(true);
    expect(result.sent).toBe(10);
  });
});
