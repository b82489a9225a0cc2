import { randomUUID } from 'node:crypto';
import type { Finding } from '../define.ts';
import { defineScenario } from '../define.ts';
import { attackerKey } from '../lib/attacker-key.ts';
import { cwe, rfc } from '../lib/refs.ts';

const MEMBERS = ['jku', 'x5u'] as const;
/** Where on the IdP's host the URL points: another path, or the JWKS URL followed by `/../` and another path. */
const FORMS = ['another path', 'JWKS URL prefix'] as const;

/**
 * A target that fetches in the background may call after it has answered: the last variant waits this
 * long, then the journal is read once for every variant's URL (one wait for the unit, not one per variant).
 */
const LATE_FETCH_MS = 100;

type Name = { member: (typeof MEMBERS)[number]; form: (typeof FORMS)[number]; name: string };

/** The variant's label in the report. */
const labelOf = ({ member, form }: Name): string =>
  form === 'another path' ? `${member} header` : `${member} header starting with the JWKS URL`;

/** This run's attacker URLs, and where the IdP journal stood before the first of them was sent. */
interface Run {
  /** In sending order: variant i is names[i]. */
  names: Name[];
  inspected: number;
  from?: number;
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
    return { names: FORMS.flatMap((form) => MEMBERS.map((member) => ({ member, form, name: `${member}-${randomUUID()}` }))), inspected: 0 };
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
    // Read once, by the last variant after the wait: every fetch is seen whenever it came (during its own
    // request or after the answer), and reported the same way whatever the timing, each naming its probe.
    run.from ??= since;
    if (++run.inspected < run.names.length) return [];
    await new Promise((resolve) => setTimeout(resolve, LATE_FETCH_MS));
    const from = run.from;
    return ctx.idp.state.journal
      .filter((e) => e.seq > from && e.via === 'attacker')
      .flatMap((e) => {
        const i = run.names.findIndex((x) => e.path.includes(x.name));
        return i < 0 ? [] : [{ e, i, n: run.names[i]! }];
      })
      .sort((a, b) => a.i - b.i || a.e.seq - b.e.seq)
      .map(({ e, n }): Finding => ({
        check: 'outbound-fetch',
        severity: 'critical',
        message: `the target fetched the ${n.member} URL the token of the "${labelOf(n)}" probe named (${e.method} ${e.path}): a token can make it send requests anywhere (server-side request forgery, CWE-918)`,
      }));
  },
  order: 100,
});
