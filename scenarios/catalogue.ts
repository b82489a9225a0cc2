/** The built-in catalogue, in the order a report lists it. A new scenario is one file plus one line here. */
import type { Scenario } from './define.ts';
import alg_confusion from './algorithm/alg-confusion.ts';
import alg_none from './algorithm/alg-none.ts';
import wrong_audience from './identity/wrong-audience.ts';
import wrong_issuer from './identity/wrong-issuer.ts';
import no_credentials from './presence/no-credentials.ts';
import revoked from './revocation/revoked.ts';
import expired_cert from './signature/expired-cert.ts';
import foreign_key from './signature/foreign-key.ts';
import missing_kid from './signature/missing-kid.ts';
import sig_tampered from './signature/sig-tampered.ts';
import unknown_kid from './signature/unknown-kid.ts';
import expired from './time/expired.ts';
import iat_future from './time/iat-future.ts';
import nbf_future from './time/nbf-future.ts';
import too_broad from './time/too-broad.ts';
import id_token_as_access from './type/id-token-as-access.ts';
import refresh_as_access from './type/refresh-as-access.ts';
import typ_missing from './type/typ-missing.ts';

export const catalogue: readonly Scenario[] = [
  // presence
  no_credentials,
  // signature and keys
  sig_tampered,
  foreign_key,
  unknown_kid,
  missing_kid,
  expired_cert,
  // algorithm
  alg_none,
  alg_confusion,
  // time
  expired,
  nbf_future,
  iat_future,
  too_broad,
  // identity
  wrong_issuer,
  wrong_audience,
  // type
  typ_missing,
  refresh_as_access,
  id_token_as_access,
  // revocation
  revoked,
];
