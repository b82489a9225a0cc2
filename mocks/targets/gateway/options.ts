/**
 * What the gateway target is configured with: the reference API's options (issuer, audience, JWKS,
 * introspection, directory of clients...), plus the two headers it reads credentials from and its texts.
 */
import type { ReferenceOptions } from '../reference/options.ts';
import { SEED_001_MESSAGES, type GatewayMessages } from './messages.ts';

export interface GatewayOptions extends Omit<ReferenceOptions, 'clientIdHeader'> {
  /** The header carrying the raw token, without a scheme (default `access_token`). */
  tokenHeader?: string;
  /** The header naming the caller's client; required, and must equal the token's client_id (default `client_id`). */
  clientIdHeader?: string;
  /** Replace the gateway's message templates (`%s` is the header's name). */
  messages?: Partial<GatewayMessages>;
}

export interface GatewayFacts {
  tokenHeader: string;
  clientIdHeader: string;
  messages: GatewayMessages;
}

export function gatewayFacts(options: GatewayOptions): GatewayFacts {
  return {
    tokenHeader: (options.tokenHeader ?? 'access_token').toLowerCase(),
    clientIdHeader: (options.clientIdHeader ?? 'client_id').toLowerCase(),
    messages: { ...SEED_001_MESSAGES, ...options.messages },
  };
}
