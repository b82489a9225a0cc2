import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { parseStrictJson } from '../reference/strict-json.ts';
import { defineFlawedTarget } from './define.ts';

const decode = (segment: string): Record<string, unknown> =>
  parseStrictJson(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The decoded parts are used as they come: a segment that is not JSON is undefined, and reading it throws. */
const parseToken: Step = (ctx) => {
  const parts = (ctx.token ?? '').split('.');
  if (parts.length !== 3) return invalidToken('TokenRejected');
  const [h = '', p = '', s = ''] = parts;
  const header = decode(h);
  const claims = decode(p);
  if (Object.keys(header).length === 0 || Object.keys(claims).length === 0 || !/^[A-Za-z0-9_-]*$/.test(s))
    return invalidToken('TokenRejected');
  ctx.header = header;
  ctx.claims = claims;
};

export default defineFlawedTarget({
  name: 'crash-on-malformed',
  flaw: "Does not check that the token's segments decode to JSON objects, so a token that is not JSON (or, to its strict decoder, has a duplicate member) throws and the API answers 500 instead of 401.",
  basedOn:
    'express-jwt#1 (500 instead of 401) and aryandas2911/DailyForge#166 (invalid JWTs answered with 500): `jwt.decode()` returns null and the next property read throws (RFC 7519 §7.2).',
  catches: ['malformed', 'duplicate-claims', 'leaky-error', 'payload-not-object', 'nested-jwt', 'header-shape'],
  severity: 'major',
  introspects: true,
  options: { steps: { parseToken } },
});
