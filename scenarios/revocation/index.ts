/** The revocation scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import revoked from './revoked.ts';

export const revocation: Scenario[] = [revoked];
