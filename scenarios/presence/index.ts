/** The presence scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import no_credentials from './no-credentials.ts';

export const presence: Scenario[] = [no_credentials];
