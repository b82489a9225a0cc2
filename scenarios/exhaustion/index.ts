/** The exhaustion scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';

export const exhaustion: Scenario[] = [];
