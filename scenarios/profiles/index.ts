import { gatewayMessages } from './gateway-messages.ts';
import { lenient } from './lenient.ts';
import type { Profile } from './profile.ts';
import { rfc6750 } from './rfc6750.ts';
import { auditCodes } from './audit-codes.ts';
import { mcp } from './mcp.ts';

/** Profiles shipped with the project, by name (`--profile NAME`). */
export const builtinProfiles: Record<string, Profile> = {
  rfc6750,
  lenient,
  'audit-codes': auditCodes,
  'gateway-messages': gatewayMessages,
  mcp,
};

/** Names the profiles had before they were named after what they check; still accepted. */
export const PROFILE_ALIASES: Record<string, string> = { seed002: 'audit-codes', 'gateway-seed001': 'gateway-messages' };

export { gatewayMessages, lenient, rfc6750, auditCodes, mcp };
export { parseProfile } from './schema.ts';
export * from './profile.ts';
