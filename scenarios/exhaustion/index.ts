/** The exhaustion scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import many_dots from './many-dots.ts';
import oversized from './oversized.ts';

export const exhaustion: Scenario[] = [many_dots, oversized];
