import { randomUUID } from 'node:crypto';
import type { Finding } from '../define.ts';
import { defineScenario } from '../define.ts';
import { attackerKey } from '../lib/attacker-key.ts';
import { cwe, rfc } from '../lib/refs.ts';

const MEMBERS = ['jku', 'x5u'] as const;
/** Where on the IdP's host the URL points: another path, or the JWKS URL followed by `/../` and another path. */
const FORMS = ['another path', 'JWKS URL prefix'] as const;

/**
 * A target that fetches in the background may call after it has answered: after the last variant the
 * journal is read again, this much later, for any variant's URL (one wait for the unit, not one per variant).
 */
const LATE_FETCH_MS = 100;

type Name = { member: (typeof MEMBERS)[number]; form: (typeof FORMS)[number]; name: string };

/** The variant's label in the report. */
const labelOf = ({ member, form }: Name): string =>
  form === 'another path' ? `${member} header` : `${member} header starting with the JWKS URL`;

/** This run's attacker URLs, and which fetches of them are reported already. */
interface Run {
  /** In sending order: variant i is names[i]. */
  names: Name[];
  inspected: number;
  /** Where the journal stood before the first variant was sent. */
  from?: number;
  /** Journal entries (seq) already reported. */
  reported: Set<number>;
}

export default defineScenario({
  id: 'jku-x5u',
  title: "jku / x5u header pointing at an attacker URL on the IdP's host (must not be fetched)",
  category: 'signature',
  refs: [rfc(8725, '3.10'), rfc(7515, '4.1.2'), rfc(7515, '4.1.5'), cwe(918)],
  expect: 'IT',
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  // Waits for late fetches after the last answer: started early, its wait overlaps the other scenarios.
  waits: true,
  resolution:
    'Never fetch a URL named by a token (jku, x5u): take keys only from the JWKS URL you configured, and reject the token with 401 invalid_token.',
  // This run's own attacker URLs, so that a fetch made for another run (another endpoint, beside it) is not counted here.
  async setup(): Promise<Run> {
    return {
      names: FORMS.flatMap((form) => MEMBERS.map((member) => ({ member, form, name: `${member}-${randomUUID()}` }))),
      inspected: 0,
      reported: new Set(),
    };
  },
  async probes(ctx, { names }) {
    const attacker = await attackerKey(ctx.idp.minter.shape.alg);
    return Promise.all(
      names.map(async (n) => {
        const { member, form, name } = n;
        // Both on the IdP's own host: another path, and one that starts with the JWKS URL (an allowlist by prefix lets it through).
        const url = form === 'another path' ? ctx.idp.attackerUrl(name) : `${ctx.idp.jwksUri}/../_gauntlet/attacker/${name}`;
        const token = await ctx.forge({ header: { [member]: url }, signWith: attacker.signWith });
        return {
          label: labelOf(n),
          credential: { kind: 'token' as const, token },
        };
      }),
    );
  },
  async inspect(ctx, _observation, since, _control, run) {
    // Each variant reports the fetches of its own URL made while it was answered; after the last one, and
    // the wait, whatever came later for any of them, naming its probe. A probe left unanswered (reset,
    // timeout) has no read of its own, but the fetches the others caused are still reported by theirs.
    run.from ??= since;
    const own = run.names[run.inspected++]!;
    const last = run.inspected === run.names.length;
    if (last) await new Promise((resolve) => setTimeout(resolve, LATE_FETCH_MS));
    const findings: Array<{ i: number; finding: Finding }> = [];
    for (const e of ctx.idp.state.journal) {
      if (e.seq <= run.from || e.via !== 'attacker' || run.reported.has(e.seq)) continue;
      const i = run.names.findIndex((x) => e.path.includes(x.name));
      const n = run.names[i];
      if (!n || (n !== own && !last) || (n === own && e.seq <= since)) continue;
      run.reported.add(e.seq);
      const late = n === own ? '' : ` for the "${labelOf(n)}" probe, after that probe was answered`;
      findings.push({
        i,
        finding: {
          check: 'outbound-fetch',
          severity: 'critical',
          message: `the target fetched the ${n.member} URL the token named (${e.method} ${e.path})${late}: a token can make it send requests anywhere (server-side request forgery, CWE-918)`,
        },
      });
    }
    // In variant order: the same fetches give the same report whatever order they arrived in.
    return findings.sort((a, b) => a.i - b.i).map((f) => f.finding);
  },
  order: 100,
});
