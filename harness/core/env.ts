/**
 * What a scenario may read of the run's configuration: where the API reads tokens, the client id
 * header, the fixtures, the IdP's loaded algorithms and the declared policy. Read-only, and nothing
 * else of the config: a scenario forges from the baseline (`ctx.forge`) and never sees targets,
 * output or flags.
 */
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import type { Fixtures } from './fixtures.ts';
import type { ResolvedPolicy } from './policy.ts';
import type { TokenLocation } from './token-location.ts';

export interface ScenarioEnv {
  readonly token: Readonly<TokenLocation>;
  /** The header the API reads a client id from, when it reads one. */
  readonly clientIdHeader?: string;
  readonly fixtures: Readonly<Fixtures>;
  /** The algorithms of the keys the IdP has loaded (`--algs`). */
  readonly idp: { readonly algs: readonly SigningAlg[] };
  readonly policy: Readonly<ResolvedPolicy>;
}

/** The environment cut out of a wider configuration (the engine passes its ResolvedConfig), frozen. */
export function scenarioEnv(config: ScenarioEnv): ScenarioEnv {
  return Object.freeze({
    token: Object.freeze({ ...config.token }),
    ...(config.clientIdHeader !== undefined ? { clientIdHeader: config.clientIdHeader } : {}),
    fixtures: Object.freeze({ ...config.fixtures }),
    idp: Object.freeze({ algs: Object.freeze([...config.idp.algs]) }),
    policy: Object.freeze({ ...config.policy }),
  });
}
