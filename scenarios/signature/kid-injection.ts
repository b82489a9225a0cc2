import type { Finding } from '../define.ts';
import type { Forgery } from '../../mocks/idp/mint.ts';
import { randomUUID } from 'node:crypto';
import { defineScenario, type ProbeSpec } from '../define.ts';
import { cwe, rfc } from '../lib/refs.ts';

/** Longer than any real kid, short enough that the Authorization header stays under common 8-16 KB limits. */
const LONG_KID = 'k'.repeat(4096);

/** What the UNION variant makes a SQL key lookup return, and so the HMAC secret it signs with. */
const SQL_SECRET = 'gauntlet-injected';

/** A `$(sleep 5)` kid run by a shell shows as a slow answer; a fast API answers well within this. */
const SLOW_MS = 2000;

const VARIANTS: ReadonlyArray<{ label: string; forgery: Forgery }> = [
  {
    // The classic: the kid names a file whose content (nothing) becomes the HMAC secret.
    label: 'kid ../../../../../../dev/null, HS256 with an empty secret',
    forgery: { header: { alg: 'HS256', kid: '../../../../../../dev/null' }, signWith: { kind: 'hmac', secret: '' } },
  },
  { label: "kid ' OR '1'='1 (SQL)", forgery: { header: { kid: "' OR '1'='1" } } },
  {
    // A key looked up by `... WHERE kid = '${kid}'`: the UNION makes the query return the attacker's text, the HMAC secret.
    label: `kid ' UNION SELECT '${SQL_SECRET}' -- (SQL), HS256 keyed with that text`,
    forgery: { header: { alg: 'HS256', kid: `' UNION SELECT '${SQL_SECRET}' --` }, signWith: { kind: 'hmac', secret: SQL_SECRET } },
  },
  { label: 'kid *)(kid=*))(|(kid=* (LDAP filter)', forgery: { header: { kid: '*)(kid=*))(|(kid=*' } } },
  { label: 'kid {"$ne": null} (NoSQL operator object)', forgery: { header: { kid: { $ne: null } } } },
  { label: 'kid {"$gt":""} (NoSQL operator as text)', forgery: { header: { kid: '{"$gt":""}' } } },
  { label: 'kid with CRLF and a header line', forgery: { header: { kid: 'gauntlet\r\nX-Gauntlet-Injected: 1' } } },
  { label: 'kid empty string', forgery: { header: { kid: '' } } },
  { label: 'kid $(sleep 5) (shell)', forgery: { header: { kid: '$(sleep 5)' } } },
  { label: `kid of ${LONG_KID.length} characters`, forgery: { header: { kid: LONG_KID } } },
];

export default defineScenario({
  id: 'kid-injection',
  title: 'kid carrying a path traversal, SQL, LDAP, NoSQL, shell or CRLF fragment, empty, or far too long',
  category: 'signature',
  refs: [rfc(8725, '3.10'), cwe(22), cwe(89), cwe(90), cwe(943), cwe(93), cwe(78)],
  expect: 'IT',
  resolution:
    'Use the kid only as an exact-match lookup key among the JWKS keys: never in a file path, query or command; bound its length and reject unknown kids with 401 invalid_token.',
  async probes(ctx) {
    const plain: ProbeSpec = {
      label: 'a plain unknown kid (the control)',
      control: true,
      credential: { kind: 'token', token: await ctx.forge({ header: { kid: `gauntlet-unknown-${randomUUID()}` } }) },
    };
    const injected = await Promise.all(
      VARIANTS.map(async ({ label, forgery }): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge(forgery) },
      })),
    );
    return [plain, ...injected];
  },
  async inspect(_ctx, observation, _since, control) {
    const findings: Finding[] = [];
    // The control's own 5xx is the status check's finding; the comparison is for the injected kids.
    if (observation === control) {
      // nothing to compare with
    } else if (observation.status >= 500 && control && control.status === observation.status) {
      findings.push({
        check: 'kid-injection',
        severity: 'major',
        message: `answered ${observation.status}, exactly as it answers a plain unknown kid: any kid missing from the JWKS breaks the key lookup, which says nothing of file paths, queries or commands`,
      });
    } else if (observation.status >= 500) {
      findings.push({
        check: 'kid-injection',
        severity: 'major',
        message: `answered ${observation.status} where a plain unknown kid gets ${control ? control.status : 'another answer'}: this kid's characters broke the key lookup, so it may reach a file path, query or command (CWE-22, CWE-89, CWE-78)`,
      });
    }
    if (observation.durationMs > SLOW_MS) {
      findings.push({
        check: 'kid-injection',
        severity: 'major',
        message: `took ${Math.round(observation.durationMs)} ms to answer (over ${SLOW_MS} ms): the kid may be run by a shell or a database (CWE-78, CWE-89)`,
      });
    }
    return findings;
  },
  order: 110,
});
