/**
 * What a scenario is given for one endpoint: the IdP, the endpoint, the config, the fault values it
 * forges from (the clock now, the leeway and lifetime held to) and `forge`. Built the same way for a
 * run and for `gauntlet mint`.
 */
import type { MockIdp } from '../mocks/idp/idp.ts';
import type { ScenarioContext } from '../scenarios/define.ts';
import type { ResolvedConfig } from './config.ts';
import { authenticationOf, type Endpoint } from './core/endpoint.ts';
import { NOMINAL_MAX_LIFETIME } from './policy/declared.ts';
import { scenarioEnv } from './core/env.ts';

export function scenarioContext(config: ResolvedConfig, idp: MockIdp, endpoint: Endpoint): ScenarioContext {
  return {
    idp,
    endpoint,
    timeoutMs: config.timeoutMs,
    config: scenarioEnv(config),
    fault: {
      now: idp.clock.now(),
      leeway: config.policy.leewayBound,
      maxLifetime: config.policy.maxLifetime ?? NOMINAL_MAX_LIFETIME,
      lifetime: idp.minter.shape.lifetime,
      issuer: idp.issuer,
      audience: idp.minter.shape.audience,
      clientId: idp.minter.shape.clientId,
    },
    forge: (forgery = {}, scopes = endpoint.scopes) => idp.minter.forge(forgery, scopes, authenticationOf(endpoint)),
  };
}
