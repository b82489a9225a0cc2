/** The time scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import expired from './expired.ts';
import exp_boundary from './exp-boundary.ts';
import exp_missing from './exp-missing.ts';
import exp_type from './exp-type.ts';
import nbf_future from './nbf-future.ts';
import iat_future from './iat-future.ts';
import iat_missing from './iat-missing.ts';
import too_broad from './too-broad.ts';

export const time: Scenario[] = [expired, exp_boundary, exp_missing, exp_type, nbf_future, iat_future, iat_missing, too_broad];
