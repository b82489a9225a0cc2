/**
 * One pinned third-party suite: a validator's whole-catalogue findings as a table of pins, each group
 * with its cause, and the tests every such validator gets:
 *
 *   1. a valid token is accepted on both endpoints and a missing scope gets 403 insufficient_scope;
 *   2. the catalogue run judges every row (no `error`), fails exactly the pinned rows with the pinned
 *      severity and answer, finds too-broad and introspection-down not applicable for the pinned
 *      reasons, and measures the pinned observed policy.
 *
 * validators.ts says how each validator is run. A child entry's baseline check starts it (child.ts);
 * an in-process validator's suite brings its own.
 */
import { describe, expect, it } from 'vitest';
import type { ObservedPolicy } from '../../../harness/core/observed-policy.ts';
import type { Report } from '../../../harness/report.ts';
import { expectBaselineAndScope } from './baseline-check.ts';
import { findingLines, NO_LIFETIME_LIMIT, NOT_INTROSPECTING } from './findings.ts';
import { validator } from './validators.ts';

export const BOTH = ['GET /orders', 'GET /admin'] as const;

/** Scenarios that fail the same way, for one cause. */
export interface Pin {
  /** `verdict severity, status, challenge`: what findingLine writes after the colon. */
  answer: string;
  /** Why, in one line: the library's code (or ours) that gives this answer. */
  why: string;
  ids: readonly string[];
  /** The endpoints these rows fail on: both unless named. */
  on: readonly string[];
}

export function pin(answer: string, why: string, ids: readonly string[], on: readonly string[] = BOTH): Pin {
  return { answer, why, ids, on };
}

/** The finding lines a table of pins stands for. */
export function pinnedLines(pins: readonly Pin[]): string[] {
  return pins.flatMap((p) => p.ids.flatMap((id) => p.on.map((e) => `${id} ${e}: ${p.answer}`)));
}

/** The observed-policy values a suite pins. */
export type PinnedPolicy = Partial<
  Pick<ObservedPolicy, 'expLeeway' | 'nbfLeeway' | 'iatLeeway' | 'maxLifetime' | 'algorithms' | 'typ' | 'introspection' | 'unbounded'>
>;

/**
 * Rows that rest on one of the validator's timers (a JWKS refetch cooldown, a rate-limit window, a
 * key cache's lifetime), which the run must end within to give them. No test asserts the time: a
 * run that took longer says so beside a pin mismatch, so the cause of the move is named.
 */
export interface Timer {
  /** The timer, as the library names it. */
  what: string;
  ms: number;
  ids: readonly string[];
}

export interface PinnedRun {
  pins: readonly Pin[];
  /** What the policy measurement must find; every validator here is measured not to introspect. */
  observed: PinnedPolicy;
  timers?: readonly Timer[];
}

/** Why pinned rows may have moved in this run: the timers it outlasted. */
export function outlasted(report: Report, timers: readonly Timer[] = []): string {
  const took = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const past = timers.filter((t) => took >= t.ms);
  return past
    .map((t) => `the run took ${Math.round(took / 1000)} s, past ${t.what} (${t.ms / 1000} s), which ${t.ids.join(', ')} rest on`)
    .join('; ');
}

/** The run went to its end, nothing errored, and it found exactly the pinned findings (naming the timers it outlasted if not). */
export function expectFindings(report: Report, pins: readonly Pin[], timers?: readonly Timer[]): void {
  expect(report.stop).toBeNull();
  expect(report.results.filter((r) => r.verdict === 'error')).toEqual([]);
  expect(findingLines(report).sort(), outlasted(report, timers) || undefined).toEqual(pinnedLines(pins).sort());
}

/** Every assertion on a catalogue run: nothing errored, exactly the pinned findings, the pinned skips and policy. */
export function expectPinned(report: Report, { pins, observed, timers }: PinnedRun): void {
  expectFindings(report, pins, timers);
  // No maximum lifetime is declared and none is introspected: both rows are not applicable, with the reason.
  const reasons = (id: string): unknown[] => report.results.filter((r) => r.scenario === id).map((r) => r.skipReason);
  expect(reasons('too-broad')).toEqual(Array(2).fill(NO_LIFETIME_LIMIT));
  expect(reasons('introspection-down')).toEqual(Array(2).fill(NOT_INTROSPECTING));
  expect(report.observedPolicy).toMatchObject({ introspection: false, ...observed });
}

export interface Suite extends PinnedRun {
  /** The describe block's title: the validator and how it is set up. */
  title: string;
  /** Its name in validators.ts, which runs the catalogue against it. */
  validator: string;
  /** Test 1, against a running target; a child entry's is started here. */
  baseline?: () => Promise<void>;
  /** Per catalogue run, ms. */
  timeoutMs?: number;
  /** More tests inside the same describe block. */
  more?: () => void;
}

export function pinnedSuite(suite: Suite): void {
  const target = validator(suite.validator);
  const { entry } = target;
  const baseline = suite.baseline ?? (entry ? () => expectBaselineAndScope(entry) : undefined);
  if (!baseline) throw new Error(`${suite.validator} runs in process: give its suite a baseline check`);
  describe(suite.title, () => {
    it('accepts a valid token on both endpoints and answers a missing scope with 403 insufficient_scope', baseline, 30_000);

    it(
      'fails exactly the pinned scenarios of the catalogue, with the pinned severity and answer',
      async () => {
        expectPinned(await target.run(), suite);
      },
      suite.timeoutMs ?? 180_000,
    );

    suite.more?.();
  });
}
