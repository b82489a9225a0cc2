import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

export default defineScenario({
  id: 'dpop-ath',
  title: 'A DPoP proof without ath, or with the hash of another access token',
  category: 'binding',
  refs: [...DPOP_REFS, rfc(9449, '4.3'), rfc(9449, '7')],
  expect: 'IT',
  auditCodes: ['InvalidDpopProof'],
  ifAccepted: { severity: 'major', means: 'a DPoP proof not tied to the access token it came with (ath missing or wrong)' },
  resolution:
    'Require `ath` in every proof sent to a resource and compare it with the base64url SHA-256 of the access token (RFC 9449 §4.3 check 12, §7).',
  skip: notDpop,
  probes: async (ctx) => [
    await withProof(ctx, 'ath missing', { claims: { ath: undefined } }),
    await withProof(ctx, 'ath of another token', { claims: { ath: 'xg5Yx6Jqc9Qh8o2r1HzD1mTx2bFzkZfM1nQf8m3cJ0A' } }),
  ],
});
