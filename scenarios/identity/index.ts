/** The identity scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import wrong_issuer from './wrong-issuer.ts';
import issuer_lookalike from './issuer-lookalike.ts';
import iss_missing from './iss-missing.ts';
import issuer_key_binding from './issuer-key-binding.ts';
import issuer_discovery from './issuer-discovery.ts';
import wrong_audience from './wrong-audience.ts';
import audience_array from './audience-array.ts';
import aud_missing from './aud-missing.ts';
import sub_missing from './sub-missing.ts';
import client_id_missing from './client-id-missing.ts';
import jti_missing from './jti-missing.ts';
import unknown_client from './unknown-client.ts';
import blocked_client from './blocked-client.ts';
import client_mismatch from './client-mismatch.ts';
import subject_disabled from './subject-disabled.ts';
import feature_disabled from './feature-disabled.ts';
import grant_not_allowed from './grant-not-allowed.ts';

export const identity: Scenario[] = [
  wrong_issuer,
  issuer_lookalike,
  iss_missing,
  issuer_key_binding,
  issuer_discovery,
  wrong_audience,
  audience_array,
  aud_missing,
  sub_missing,
  client_id_missing,
  jti_missing,
  unknown_client,
  blocked_client,
  client_mismatch,
  subject_disabled,
  feature_disabled,
  grant_not_allowed,
];
