import { defineFlawedTarget } from './define.ts';
import { ANSWERED_INVALID_TOKEN } from './refusals.ts';

export default defineFlawedTarget({
  name: 'forbidden-for-invalid',
  flaw: 'Answers every invalid token with 403 Forbidden instead of 401, so clients never learn to fetch a new token.',
  basedOn:
    'The tutorial middleware `jwt.verify(token, secret, (err) => { if (err) return res.sendStatus(403) })`; kinde-oss/kinde-node-express#88 (403 for expired tokens); RFC 6750 §3.1.',
  catches: ANSWERED_INVALID_TOKEN,
  severity: 'major',
  introspects: true,
  answer: (answer) => (answer.status === 401 && answer.code !== 'MissingToken' ? { ...answer, status: 403 } : answer),
});
