import { defineFlawedTarget } from './define.ts';
import { ANSWERED_INSUFFICIENT_SCOPE, ANSWERED_INVALID_REQUEST, ANSWERED_INVALID_TOKEN, ANSWERED_UNAVAILABLE } from './refusals.ts';

export default defineFlawedTarget({
  name: 'token-echoed',
  flaw: 'Echoes the refused credential in the error body ("invalid token: <token>"), handing it to every log, proxy and error tracker on the way back.',
  basedOn:
    "CWE-209 / CWE-532: debugging messages that include the rejected token, e.g. `res.status(401).json({ error: 'invalid token: ' + token })`.",
  // Every refusal of a request that carried a token in the Authorization header, except empty-token, whose
  // empty credential is too short for the leak check to call an echo a leak, and json-serialization, whose
  // JSON credential comes back JSON-escaped (\") in the body, which the leak check does not recognise.
  catches: [
    'wrong-scheme',
    ...ANSWERED_INVALID_REQUEST,
    ...ANSWERED_INVALID_TOKEN.filter((id) => id !== 'empty-token' && id !== 'json-serialization'),
    ...ANSWERED_INSUFFICIENT_SCOPE,
    ...ANSWERED_UNAVAILABLE,
  ],
  severity: 'minor',
  introspects: true,
  answer: (answer, facts) =>
    answer.status >= 400 && facts.authorization
      ? { ...answer, body: { ...answer.body, error_description: `invalid token: ${facts.authorization.replace(/^\S+\s+/, '')}` } }
      : answer,
});
