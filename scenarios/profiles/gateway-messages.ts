/**
 * The API gateway of the gateway messages, as it behaves, not as RFC 6750 would have it: every refusal is a 401
 * without a WWW-Authenticate challenge, whose message names the credential at fault and the header it
 * came in. The token travels raw in an `access_token` header and the caller names its client in a
 * `client_id` header: that is config, not profile (see gateway-messages.config.example.ts).
 */
import type { Profile } from './profile.ts';
import type { Expectation } from '../../harness/core/expectation.ts';

export const ACCESS_TOKEN_MESSAGE = 'Access Token in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com';
export const CLIENT_ID_MESSAGE = 'Client Id in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com';

/** The seed shows the text, not the body around it, so the text may sit anywhere in the body. */
const refused = (template: string): Expectation => ({ status: [401], message: { template, in: 'body' } });

export const gatewayMessages: Profile = {
  name: 'gateway-messages',
  description:
    'An API gateway as its documentation shows it: 401 and no WWW-Authenticate challenge for every refused request, missing, invalid, expired, revoked or out-of-scope token alike, with "Access Token in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com"; "Client Id in the request, …" for an unknown, blocked or mismatched client. Run it with config token: { in: "header", name: "access_token" } and clientIdHeader: "client_id".',
  classes: {
    NC: refused(ACCESS_TOKEN_MESSAGE),
    IT: refused(ACCESS_TOKEN_MESSAGE),
    IR: refused(ACCESS_TOKEN_MESSAGE),
    // The gateway documentation: a token that "does not have access to this resource" gets the same 401 and message.
    IS: refused(ACCESS_TOKEN_MESSAGE),
    OK: { accept: true, status: [] },
    REJECT: { status: [] },
  },
  byScenario: {
    'unknown-client': refused(CLIENT_ID_MESSAGE),
    'blocked-client': refused(CLIENT_ID_MESSAGE),
    'client-mismatch': refused(CLIENT_ID_MESSAGE),
  },
};
