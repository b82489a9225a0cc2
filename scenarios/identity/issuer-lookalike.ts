import { defineScenario } from '../define.ts';
import { cve, rfc } from '../lib/refs.ts';

export default defineScenario({
  id: 'issuer-lookalike',
  title: 'Issuer that only looks like the trusted one (slash, prefix, suffix, substring)',
  category: 'identity',
  refs: [cve('2024-53861'), rfc(9068, '4'), rfc(8725, '3.8')],
  expect: 'IT',
  auditCodes: ['InvalidIssuer'],
  resolution: 'Compare iss with the configured issuer by exact string equality: no prefix, suffix, substring or URL-normalising match.',
  async probes(ctx) {
    const iss = ctx.fault.issuer;
    const variants: Array<[string, string]> = [
      ['trailing slash', `${iss}/`],
      ['another origin, then the issuer', `https://attacker.gauntlet.test/${iss}`],
      ['issuer, then a domain', `${iss}.evil.gauntlet.test`],
      ['issuer, then text', `${iss}evil`],
      // CVE-2024-53861: a substring of the expected issuer passed a `not in` check.
      ['issuer truncated', iss.slice(0, -1)],
    ];
    return Promise.all(
      variants.map(async ([label, value]) => ({
        label,
        credential: { kind: 'token' as const, token: await ctx.forge({ claims: { iss: value } }) },
      })),
    );
  },
  order: 20,
});
