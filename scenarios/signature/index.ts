/** The signature scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import sig_tampered from './sig-tampered.ts';
import sig_stripped from './sig-stripped.ts';
import foreign_key from './foreign-key.ts';
import unknown_kid from './unknown-kid.ts';
import missing_kid from './missing-kid.ts';
import rotated_key from './rotated-key.ts';
import retired_key from './retired-key.ts';
import expired_cert from './expired-cert.ts';
import jwk_embedded from './jwk-embedded.ts';
import x5c_embedded from './x5c-embedded.ts';
import jku_x5u from './jku-x5u.ts';
import kid_injection from './kid-injection.ts';
import psychic_sig from './psychic-sig.ts';
import crit_unknown from './crit-unknown.ts';

export const signature: Scenario[] = [
  sig_tampered,
  sig_stripped,
  foreign_key,
  unknown_kid,
  missing_kid,
  rotated_key,
  retired_key,
  expired_cert,
  jwk_embedded,
  x5c_embedded,
  jku_x5u,
  kid_injection,
  psychic_sig,
  crit_unknown,
];
