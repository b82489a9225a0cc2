/** The time scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import expired from './expired.ts';
import nbf_future from './nbf-future.ts';
import iat_future from './iat-future.ts';
import too_broad from './too-broad.ts';

export const time: Scenario[] = [expired, nbf_future, iat_future, too_broad];
