/** What the scope scenarios share: which endpoints they apply to, and the scopes a token keeps. */
import type { Endpoint, ScenarioContext } from '../define.ts';

/** A scope no endpoint is expected to need: keeps a scope claim non-empty without granting anything. */
export const UNRELATED_SCOPE = 'gauntlet.unrelated';

export function skipUnscoped(endpoint: Endpoint): string | undefined {
  return endpoint.scopes.length === 0 ? 'the endpoint needs no scope, so there is none to withhold' : undefined;
}

/** The baseline's own scopes minus the ones this endpoint needs. */
export function otherScopes(ctx: ScenarioContext): string[] {
  const needed = new Set(ctx.endpoint.scopes);
  return ctx.idp.minter.shape.scope.split(' ').filter((s) => s && !needed.has(s));
}
