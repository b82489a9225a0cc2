/**
 * The lenient profile, as the OpenID Foundation's conformance suite judges: any 401 for a missing or
 * invalid token, any 4xx for a bad request; challenges are not checked.
 */
import type { Profile } from './profile.ts';

export const lenient: Profile = {
  name: 'lenient',
  description:
    'Any 401 for no or invalid credentials, any 4xx for invalid_request, 403 for insufficient_scope; WWW-Authenticate not checked.',
  classes: {
    NC: { status: [401] },
    IT: { status: [401] },
    IR: { status: ['4xx'] },
    IS: { status: [403] },
    OK: { accept: true, status: [] },
    REJECT: { status: [] },
  },
};
