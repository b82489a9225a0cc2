/** The type scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import typ_missing from './typ-missing.ts';
import typ_long_form from './typ-long-form.ts';
import refresh_as_access from './refresh-as-access.ts';
import id_token_as_access from './id-token-as-access.ts';

export const type: Scenario[] = [typ_missing, typ_long_form, refresh_as_access, id_token_as_access];
