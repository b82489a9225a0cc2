/** The policy an API declares, as the harness holds it (harness/policy/declared.ts resolves it). */
import type { SigningAlg } from '../../mocks/idp/keys.ts';

export const REVOCATION_MODES = ['introspection', 'none'] as const;
export type Revocation = (typeof REVOCATION_MODES)[number];

/** ResolvedConfig.policy: each value undefined when the API does not declare it, plus the derived bound. */
export interface ResolvedPolicy {
  /** Declared clock leeway on exp, nbf and iat, seconds; undefined: not declared. */
  leeway: number | undefined;
  /** Declared largest exp − iat, seconds; undefined: not declared. */
  maxLifetime: number | undefined;
  /** Declared algorithm allowlist; undefined: not declared (only the baseline's algorithm is known good). */
  algorithms: SigningAlg[] | undefined;
  /** `none`: declared stateless (validates locally, no revocation check); undefined: not declared. */
  revocation: Revocation | undefined;
  /** Derived: seconds past a time boundary beyond which a token must be refused (the declared leeway, else LEEWAY_CEILING). */
  leewayBound: number;
}
