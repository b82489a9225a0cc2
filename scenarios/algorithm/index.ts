/** The algorithm scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import alg_none from './alg-none.ts';
import alg_confusion from './alg-confusion.ts';
import alg_not_allowed from './alg-not-allowed.ts';
import weak_hmac from './weak-hmac.ts';

export const algorithm: Scenario[] = [alg_none, alg_confusion, alg_not_allowed, weak_hmac];
