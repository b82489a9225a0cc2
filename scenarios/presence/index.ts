/** The presence scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import no_credentials from './no-credentials.ts';
import wrong_scheme from './wrong-scheme.ts';
import scheme_case from './scheme-case.ts';
import empty_token from './empty-token.ts';
import whitespace_altered from './whitespace-altered.ts';
import malformed from './malformed.ts';
import duplicate_claims from './duplicate-claims.ts';
import multi_method from './multi-method.ts';
import query_token from './query-token.ts';
import custom_location from './custom-location.ts';
import leaky_error from './leaky-error.ts';

export const presence: Scenario[] = [
  no_credentials,
  wrong_scheme,
  scheme_case,
  empty_token,
  whitespace_altered,
  malformed,
  duplicate_claims,
  multi_method,
  query_token,
  custom_location,
  leaky_error,
];
