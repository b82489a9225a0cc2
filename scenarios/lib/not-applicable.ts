/**
 * Why a scenario does not apply to what the API declares, with the risk that remains in words. Rows
 * skipped this way are still listed in every report, with this reason.
 */
import type { ScenarioEnv } from '../define.ts';
import { observedLifetime, type ObservedPolicy } from '../../harness/core/observed-policy.ts';

/** revoked, introspection-down: a declared stateless API (--revocation none) cannot see a revocation. */
export function statelessReason(config: ScenarioEnv, observed: ObservedPolicy | undefined, what: 'revoked' | 'outage'): string | undefined {
  // An introspection outage cannot touch an API seen validating locally: unless it declares it
  // introspects, judging the outage would only repeat what `revoked` already reports.
  if (what === 'outage' && config.policy.revocation === undefined && observed && !observed.introspection) {
    return `not applicable: the API was not seen asking the IdP's introspection endpoint (observed policy), so its outage changes nothing; revoked shows what validating locally costs (declare --revocation introspection to have this judged)`;
  }
  if (config.policy.revocation !== 'none') return undefined;
  const head =
    what === 'revoked'
      ? 'not applicable: declared stateless (--revocation none): a revoked token stays valid until exp'
      : 'not applicable: declared stateless (--revocation none): the API never asks introspection, so its outage changes nothing; a revoked token stays valid until exp';
  const noExp = observed?.unbounded.includes('expLeeway')
    ? '; and exp itself was not enforced (accepted 600 s past it), so it may stay valid far longer'
    : '';
  const contradiction = observed?.introspection ? '; yet introspection requests were observed: check the declaration' : '';
  return `${head}; ${observedLifetime(observed)}${noExp}${contradiction}`;
}

/** too-broad: without a declared maximum lifetime there is no limit to hold the API to. */
export function noMaxLifetimeReason(config: ScenarioEnv, observed: ObservedPolicy | undefined): string | undefined {
  if (config.policy.maxLifetime !== undefined) return undefined;
  return `not applicable: no maximum lifetime declared (--max-lifetime S): a token is accepted for as long as its issuer makes it live; ${observedLifetime(observed)}`;
}
