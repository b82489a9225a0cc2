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
 * long before its journal is read (once for the whole unit, not once per variant).
 */
const LATE_FETCH_MS = 100;

type Name = { member: (typeof MEMBERS)[number]; form: (typeof FORMS)[number]; name: string };

/** The variant's label in the report. */
const labelOf = ({ member, form }: Name): string =>
  form === 'another path' ? `${member} header` : `${member} header starting with the JWKS URL`;

/** This run's attacker URLs, and how far the IdP journal has been read for fetches of them. */
interface Run {
  /** In sending order: variant i is names[i]. */
  names: Name[];
  inspected: number;
  /** The last journal entry already read: each fetch is reported once, none is missed between two variants. */
  readUpTo?: number;
}

export default defineScenario({
  id: 'jku-x5u',
  title: "jku / x5u header pointing at an attacker URL on the IdP's host (must not be fetched)",
  category: 'signature',
  refs: [rfc(8725, '3.10'), rfc(7515, '4.1.2'), rfc(7515, '4.1.5'), cwe(918)],
  expect: 'IT',
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
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
    // A fetch made for an earlier variant after its answer is seen here, by a later variant's read.
    if (++run.inspected === run.names.length) await new Promise((resolve) => setTimeout(resolve, LATE_FETCH_MS));
    const from = run.readUpTo ?? since;
    const journal = ctx.idp.state.journal;
    run.readUpTo = journal.at(-1)?.seq ?? from;
    const current = run.names[run.inspected - 1];
    // In variant order, not arrival order: the same fetches give the same report.
    const fetched = journal
      .filter((e) => e.seq > from && e.via === 'attacker')
      .flatMap((e) => {
        const i = run.names.findIndex((x) => e.path.includes(x.name));
        return i < 0 ? [] : [{ e, i, n: run.names[i]! }];
      })
      .sort((a, b) => a.i - b.i);
    return fetched.map(({ e, n }): Finding => {
      const late = n === current ? '' : ` for the "${labelOf(n)}" probe, after that probe was answered`;
      return {
        check: 'outbound-fetch',
        severity: 'critical',
        message: `the target fetched the ${n.member} URL the token named (${e.method} ${e.path})${late}: a token can make it send requests anywhere (server-side request forgery, CWE-918)`,
      };
    });
  },
  order: 100,
});
