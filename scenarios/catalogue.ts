/**
 * The built-in catalogue, in the order a report lists it: the category folders (generated from the
 * files: `npm run catalogue`), then the scenarios the engine sends last (`baseline-after`).
 */
import type { Scenario } from './define.ts';
import { CATEGORIES } from './define.ts';
import { byCategory } from './catalogue.generated.ts';
import { RUNS_LAST } from './runs-last.ts';

export { byCategory };
export const catalogue: readonly Scenario[] = [...CATEGORIES.flatMap((c) => byCategory[c]), ...RUNS_LAST];
