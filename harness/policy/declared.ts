/**
 * The policy an API declares (config `policy`, flags --leeway, --max-lifetime, --revocation), and what
 * the harness holds it to when it declares nothing. Declared values are held exactly; undeclared ones
 * leave the API free to be stricter than any default:
 *   leeway      undeclared → no token must be accepted past a time boundary, and every token beyond
 *               LEEWAY_CEILING past it must be refused (300 s: the largest leeway common libraries and
 *               gateways default to).
 *   maxLifetime undeclared → any lifetime beyond the baseline's may be accepted or refused, and too-broad
 *               is not applicable: validators bound no lifetime by default, so no ceiling is anyone's default.
 *   revocation  `none` → the API is declared stateless: revoked and introspection-down are not applicable.
 */
import { z } from 'zod';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { REVOCATION_MODES, type ResolvedPolicy, type Revocation } from '../core/policy.ts';

/** Seconds past exp (before nbf, iat) beyond which every API must refuse a token, when none declares a leeway. */
export const LEEWAY_CEILING = 300;

/** the login audit trail's two hours: the maximum lifetime forged with where none is declared (`gauntlet mint too-broad`). */
export const NOMINAL_MAX_LIFETIME = 7200;

/** What the report shows as declared (`declaredPolicy`): null where the API declares nothing. The type is inferred. */
export const declaredPolicySchema = z
  .strictObject({
    leeway: z.number().int().min(0).nullable(),
    maxLifetime: z.number().int().min(1).nullable(),
    algorithms: z.array(z.string()).nullable(),
    revocation: z.enum(REVOCATION_MODES).nullable(),
  })
  .describe(
    'What the API declares (config policy, --leeway, --max-lifetime, --revocation); null where it declares nothing. Absent in reports written before it existed.',
  );

export type DeclaredPolicy = z.infer<typeof declaredPolicySchema>;

export function resolvePolicy(
  p: { leeway?: number; maxLifetime?: number; algorithms?: SigningAlg[]; revocation?: Revocation } = {},
): ResolvedPolicy {
  return {
    leeway: p.leeway,
    maxLifetime: p.maxLifetime,
    algorithms: p.algorithms,
    revocation: p.revocation,
    leewayBound: p.leeway ?? LEEWAY_CEILING,
  };
}

export function declaredPolicy(policy: ResolvedPolicy): DeclaredPolicy {
  return {
    leeway: policy.leeway ?? null,
    maxLifetime: policy.maxLifetime ?? null,
    algorithms: policy.algorithms ? [...policy.algorithms] : null,
    revocation: policy.revocation ?? null,
  };
}
