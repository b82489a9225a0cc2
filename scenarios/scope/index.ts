/** The scope scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import scope_missing from './scope-missing.ts';
import scope_empty from './scope-empty.ts';
import scope_tricks from './scope-tricks.ts';

export const scope: Scenario[] = [scope_missing, scope_empty, scope_tricks];
