/** The revocation scenarios, in report order. A new scenario here is one file plus one line. */
import type { Scenario } from '../define.ts';
import revoked from './revoked.ts';
import introspection_down from './introspection-down.ts';
import jwks_down from './jwks-down.ts';

export const revocation: Scenario[] = [revoked, introspection_down, jwks_down];
