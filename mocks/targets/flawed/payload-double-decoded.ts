import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const json = (segment: string): unknown => {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Some IdPs double-encode": a payload that parses to a string is parsed once more. */
const parseToken: Step = (ctx) => {
  const parts = (ctx.token ?? '').split('.');
  if (parts.length !== 3) return invalidToken('TokenRejected');
  const header = json(parts[0]!);
  let claims = json(parts[1]!);
  if (typeof claims === 'string') claims = JSON.parse(claims) as unknown;
  if (!isObject(header) || !isObject(claims)) return invalidToken('TokenRejected');
  ctx.header = header;
  ctx.claims = claims;
};

export default defineFlawedTarget({
  name: 'payload-double-decoded',
  flaw: 'Parses a payload that decodes to a JSON string a second time ("some IdPs double-encode"), so a signed JWS whose payload is a string holding claims is taken for a JWT.',
  basedOn:
    'The double-JSON.parse workaround in hand-written decoders; RFC 7519 §7.2 (the payload must be a JSON object) and the JWT format-confusion class of RFC 8725bis.',
  catches: ['payload-not-object'],
  severity: 'critical',
  options: { steps: { parseToken } },
});
