/** Scenarios the engine sends after all others (`runsLast`), kept out of the category folders. */
import type { Scenario } from './define.ts';
import baselineAfter from './baseline-after.ts';

export const RUNS_LAST: readonly Scenario[] = [baselineAfter];
