import { createHash } from 'node:crypto';
import { defineScenario, type ProbeSpec } from '../define.ts';
import { cwe, rfc } from '../lib/refs.ts';
import { attackerKey } from '../lib/attacker-key.ts';

export default defineScenario({
  id: 'x5c-embedded',
  title: "Attacker's self-signed certificate in the x5c header (alone, or beside the trusted certificate's x5t)",
  category: 'signature',
  refs: [rfc(7515, '4.1.6'), rfc(7515, '4.1.7'), rfc(8725, '3.10'), cwe(295), cwe(347)],
  expect: 'IT',
  auditCodes: ['MissingKeyId', 'MissingKey', 'InvalidSignature'],
  // Accepted by an API that refuses even a valid token, this is still a hole: sent when the baseline is refused.
  withoutBaseline: true,
  resolution:
    'Ignore x5c and x5t in the token: verify only with keys from the configured JWKS, selected by kid. If you must accept x5c, build and validate the chain to your own trust anchor and check x5t against the leaf. Reject with 401 invalid_token.',
  async probes(ctx) {
    const attacker = await attackerKey(ctx.idp.minter.shape.alg);
    const trusted = String(ctx.idp.keys.activeKey(ctx.idp.minter.shape.alg).publicJwk.x5c?.[0] ?? '');
    const thumb = (alg: string) => createHash(alg).update(Buffer.from(trusted, 'base64')).digest('base64url');
    const variants: Array<[string, Record<string, unknown>]> = [
      ['self-signed x5c chain, no kid', { x5c: [attacker.x5c], kid: undefined }],
      // x5t names the trusted certificate; x5c holds the attacker's: a check of x5t alone passes, a key taken from x5c is the attacker's.
      [
        "x5c the attacker's, x5t and x5t#S256 the trusted certificate's",
        { x5c: [attacker.x5c], x5t: thumb('sha1'), 'x5t#S256': thumb('sha256'), kid: undefined },
      ],
    ];
    return Promise.all(
      variants.map(async ([label, header]): Promise<ProbeSpec> => ({
        label,
        credential: { kind: 'token', token: await ctx.forge({ header, signWith: attacker.signWith }) },
      })),
    );
  },
});
