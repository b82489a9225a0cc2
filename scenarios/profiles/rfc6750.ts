/**
 * The strict default profile: RFC 6750 statuses and challenges for every answer class.
 * @see RFC 6750 §3, §3.1
 */
import type { Profile } from './profile.ts';

export const rfc6750: Profile = {
  name: 'rfc6750',
  description:
    'Strict RFC 6750: 401 with a Bearer challenge (no error code without credentials, invalid_token for a bad token), 400 invalid_request, 403 insufficient_scope with scope.',
  classes: {
    NC: { status: [401], challenge: { scheme: 'Bearer', error: null } },
    IT: { status: [401], challenge: { scheme: 'Bearer', error: 'invalid_token' } },
    IR: { status: [400], challenge: { scheme: 'Bearer', error: 'invalid_request' } },
    IS: { status: [403], challenge: { scheme: 'Bearer', error: 'insufficient_scope', scope: true } },
    OK: { accept: true, status: [] },
    REJECT: { status: [] },
  },
};
