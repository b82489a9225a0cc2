/** The identity scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import wrong_issuer from './wrong-issuer.ts';
import wrong_audience from './wrong-audience.ts';

export const identity: Scenario[] = [wrong_issuer, wrong_audience];
