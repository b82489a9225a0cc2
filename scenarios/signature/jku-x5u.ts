import { randomUUID } from 'node:crypto';
import type { Finding } from '../define.ts';
import { defineScenario } from '../define.ts';
import { attackerKey } from '../lib/attacker-key.ts';
import { cwe, rfc } from '../lib/refs.ts';

const MEMBERS = ['jku', 'x5u'] as const;
/** Where on the IdP's host the URL points: another path, or the JWKS URL followed by `/../` and another path. */
const FORMS = ['another path', 'JWKS URL prefix'] as const;

/** A target that fetches in the background may call after it has answered. */
const LATE_FETCH_MS = 100;

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
  async setup() {
    return FORMS.flatMap((form) => MEMBERS.map((member) => ({ member, form, name: `${member}-${randomUUID()}` })));
  },
  async probes(ctx, names) {
    const attacker = await attackerKey(ctx.idp.minter.shape.alg);
    return Promise.all(
      names.map(async ({ member, form, name }) => {
        // Both on the IdP's own host: another path, and one that starts with the JWKS URL (an allowlist by prefix lets it through).
        const url = form === 'another path' ? ctx.idp.attackerUrl(name) : `${ctx.idp.jwksUri}/../_gauntlet/attacker/${name}`;
        const token = await ctx.forge({ header: { [member]: url }, signWith: attacker.signWith });
        return {
          label: form === 'another path' ? `${member} header` : `${member} header starting with the JWKS URL`,
          credential: { kind: 'token' as const, token },
        };
      }),
    );
  },
  async inspect(ctx, _observation, since, _control, names) {
    await new Promise((resolve) => setTimeout(resolve, LATE_FETCH_MS));
    return ctx.idp.state.journal
      .filter((e) => e.seq > since && e.via === 'attacker' && names.some((n) => e.path.includes(n.name)))
      .map((e): Finding => {
        const member = /\/(jku|x5u)-[^/]*$/.exec(e.path)?.[1] ?? 'jku/x5u';
        return {
          check: 'outbound-fetch',
          severity: 'critical',
          message: `the target fetched the ${member} URL the token named (${e.method} ${e.path}): a token can make it send requests anywhere (server-side request forgery, CWE-918)`,
        };
      });
  },
  order: 100,
});
