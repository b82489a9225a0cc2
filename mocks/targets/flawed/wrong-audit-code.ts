import type { Answer } from '../reference/respond.ts';
import { defineFlawedTarget } from './define.ts';

/** One exception class for every time claim (as jsonwebtoken's TokenExpiredError is often caught), one code. */
const TIME_CODES = new Set<Answer['code']>(['TokenNotAcceptable', 'TokenValidityTooBroad']);

export default defineFlawedTarget({
  name: 'wrong-audit-code',
  flaw: 'Audits every time-claim failure as TokenExpired, so not-yet-valid and too-long-lived tokens are recorded under the wrong code.',
  basedOn:
    'the login audit trail (distinct audit codes for expired, not acceptable and validity too broad); error handlers that map every time error to "expired".',
  catches: ['nbf-future', 'iat-future', 'too-broad'],
  severity: 'minor',
  introspects: true,
  answer: (answer) =>
    TIME_CODES.has(answer.code) ? { ...answer, code: 'TokenExpired', body: { ...answer.body, code: 'TokenExpired' } } : answer,
});
