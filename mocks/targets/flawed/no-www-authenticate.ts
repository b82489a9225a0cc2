import { defineFlawedTarget } from './define.ts';
import { ANSWERED_INSUFFICIENT_SCOPE, ANSWERED_INVALID_REQUEST, ANSWERED_INVALID_TOKEN, ANSWERED_NO_CREDENTIALS } from './refusals.ts';

export default defineFlawedTarget({
  name: 'no-www-authenticate',
  flaw: 'Sends the right statuses but never a WWW-Authenticate challenge, so clients cannot tell a missing, invalid or under-scoped token apart.',
  basedOn:
    'RFC 6750 §3 (the resource server MUST include WWW-Authenticate); `res.status(401).json({ message })` in most hand-written middleware.',
  // Every refusal that expects a challenge; not the 503s, not query-token (any refusal will do there).
  catches: [...ANSWERED_NO_CREDENTIALS, ...ANSWERED_INVALID_REQUEST, ...ANSWERED_INVALID_TOKEN, ...ANSWERED_INSUFFICIENT_SCOPE],
  severity: 'minor',
  introspects: true,
  answer: ({ headers: { 'www-authenticate': _gone, ...headers }, ...answer }) => ({ ...answer, headers }),
});
