import { lenient } from './lenient.ts';
import type { Profile } from './profile.ts';
import { rfc6750 } from './rfc6750.ts';

/** Profiles shipped with the project, by name (`--profile NAME`). */
export const builtinProfiles: Record<string, Profile> = { rfc6750, lenient };

export { lenient, rfc6750 };
export * from './profile.ts';
