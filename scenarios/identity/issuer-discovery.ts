import { randomUUID } from 'node:crypto';
import { defineScenario } from '../define.ts';
import { cwe, rfc, source } from '../lib/refs.ts';
import { attackerKey } from '../lib/attacker-key.ts';

/** A target that fetches in the background may call after it has answered. */
const LATE_FETCH_MS = 100;

export default defineScenario({
  id: 'issuer-discovery',
  title: "iss naming an attacker's issuer URL (its discovery document must not be fetched)",
  category: 'identity',
  // Waits for a late fetch after the answer: started early, its wait overlaps the other scenarios.
  waits: true,
  refs: [rfc(9700, '4.15'), rfc(8414, '3.3'), source('OpenID Connect Discovery 1.0 §4.3'), cwe(918)],
  expect: 'IT',
  auditCodes: ['InvalidSignature', 'InvalidIssuer', 'MissingKey'],
  withoutBaseline: true,
  resolution:
    "Configure the trusted issuers and their metadata up front; never fetch discovery or keys from the URL a token's iss names. Reject an untrusted iss with 401 invalid_token before any request is made.",
  // This run's own issuer name, so that a fetch made for another run is not counted here.
  async setup() {
    return `issuer-${randomUUID()}`;
  },
  async probes(ctx, name) {
    const attacker = await attackerKey(ctx.idp.minter.shape.alg);
    const token = await ctx.forge({ claims: { iss: ctx.idp.attackerUrl(name) }, signWith: attacker.signWith });
    return { label: "iss: an attacker's issuer URL, signed with the attacker's key", credential: { kind: 'token', token } };
  },
  async inspect(ctx, _observation, since, _control, name) {
    await new Promise((resolve) => setTimeout(resolve, LATE_FETCH_MS));
    return ctx.idp.state.journal
      .filter((e) => e.seq > since && e.via === 'attacker' && e.path.includes(name))
      .map((e) => ({
        check: 'outbound-fetch',
        severity: 'critical' as const,
        message: `the target fetched ${e.method} ${e.path} from the issuer URL the token named: a token can make it send requests anywhere (server-side request forgery, CWE-918), and trust keys the attacker serves`,
      }));
  },
});
