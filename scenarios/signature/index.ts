/** The signature scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import sig_tampered from './sig-tampered.ts';
import foreign_key from './foreign-key.ts';
import unknown_kid from './unknown-kid.ts';
import missing_kid from './missing-kid.ts';
import expired_cert from './expired-cert.ts';

export const signature: Scenario[] = [sig_tampered, foreign_key, unknown_kid, missing_kid, expired_cert];
