import { gatewaySeed001 } from './gateway-seed001.ts';
import { lenient } from './lenient.ts';
import type { Profile } from './profile.ts';
import { rfc6750 } from './rfc6750.ts';
import { seed002 } from './seed002.ts';

/** Profiles shipped with the project, by name (`--profile NAME`). */
export const builtinProfiles: Record<string, Profile> = { rfc6750, lenient, seed002, 'gateway-seed001': gatewaySeed001 };

export { gatewaySeed001, lenient, rfc6750, seed002 };
export { parseProfile } from './schema.ts';
export * from './profile.ts';
