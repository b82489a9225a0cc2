/** The identity scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import wrong_issuer from './wrong-issuer.ts';
import issuer_lookalike from './issuer-lookalike.ts';
import wrong_audience from './wrong-audience.ts';
import audience_array from './audience-array.ts';
import unknown_client from './unknown-client.ts';
import blocked_client from './blocked-client.ts';
import client_mismatch from './client-mismatch.ts';
import subject_disabled from './subject-disabled.ts';
import feature_disabled from './feature-disabled.ts';
import grant_not_allowed from './grant-not-allowed.ts';

export const identity: Scenario[] = [
  wrong_issuer,
  issuer_lookalike,
  wrong_audience,
  audience_array,
  unknown_client,
  blocked_client,
  client_mismatch,
  subject_disabled,
  feature_disabled,
  grant_not_allowed,
];
