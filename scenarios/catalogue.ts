/** The built-in catalogue, in the order a report lists it (generated from the files: `npm run catalogue`). */
import type { Scenario } from './define.ts';
import { CATEGORIES } from './define.ts';
import { byCategory } from './catalogue.generated.ts';

export { byCategory };
export const catalogue: readonly Scenario[] = CATEGORIES.flatMap((c) => byCategory[c]);
