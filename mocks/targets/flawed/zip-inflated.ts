import { inflateRawSync } from 'node:zlib';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** A JWS with zip "DEF" has its payload inflated before it is parsed, as a JWE's would be. */
const parseToken: Step = (ctx) => {
  const [h = '', p = ''] = (ctx.token ?? '').split('.');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return referenceSteps.parseToken(ctx);
  }
  if (header.zip !== 'DEF') return referenceSteps.parseToken(ctx);
  try {
    ctx.claims = JSON.parse(inflateRawSync(Buffer.from(p, 'base64url')).toString('utf8')) as Record<string, unknown>;
  } catch {
    return invalidToken('TokenRejected');
  }
  ctx.header = header;
};

export default defineFlawedTarget({
  name: 'zip-inflated',
  flaw: 'Inflates the payload of a JWS whose header says zip "DEF", a JWE-only parameter, so it reads compressed tokens (and inflates whatever an attacker compresses, without a size limit).',
  basedOn:
    'Shared JWS/JWE decoding paths; jose < 4.15.5 / CVE-2024-28176 and jwcrypto CVE-2024-28102 (unbounded inflation of zip payloads); RFC 7516 §4.1.3 defines zip for JWE only.',
  catches: ['header-shape'],
  severity: 'critical',
  options: { steps: { parseToken } },
});
