/**
 * The gateway's answer texts (the gateway messages): one message per credential, naming the header the credential
 * travels in. `%s` in a template is that header's name.
 */
export interface GatewayMessages {
  /** Any fault of the access token: missing, malformed, expired, revoked, or without access to the resource. */
  accessToken: string;
  /** Any fault of the client id: missing, unknown, blocked, or not the token's client. */
  clientId: string;
}

export const SEED_001_MESSAGES: GatewayMessages = {
  accessToken: 'Access Token in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com',
  clientId: 'Client Id in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com',
};

/** The template with each `%s` replaced by the header name. */
export function fillTemplate(template: string, header: string): string {
  return template.split('%s').join(header);
}
