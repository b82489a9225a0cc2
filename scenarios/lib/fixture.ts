/**
 * The identities a scenario needs the API to know in a special state (config `fixtures`): the skip
 * reason naming the missing config key, the value itself, and the client id header to send with it.
 */
import type { ScenarioEnv, Fixtures, Endpoint } from '../define.ts';

const WHAT: Record<keyof Fixtures, string> = {
  unknownClient: 'a client id your API does not know',
  blockedClient: 'a registered client your API has blocked',
  disabledSubject: 'a sub whose entity or role your API has disabled',
  disabledTenant: '{ claim, value } naming a tenant with token auth switched off',
  grantRestricted: '{ clientId, claim, value }: a client not allowed the grant the claim names',
};

function missingFixture(config: ScenarioEnv, key: keyof Fixtures): string | undefined {
  return config.fixtures[key] === undefined ? `set fixtures.${key} in the config (${WHAT[key]})` : undefined;
}

/** A scenario's skip: the reason, naming the config key, when that fixture is unset. */
export function skipWithout(key: keyof Fixtures): (endpoint: Endpoint, config: ScenarioEnv) => string | undefined {
  return (_endpoint, config) => missingFixture(config, key);
}

/** The fixture's value (skip has already made sure it is set). */
export function fixture<K extends keyof Fixtures>(config: ScenarioEnv, key: K): NonNullable<Fixtures[K]> {
  const value = config.fixtures[key];
  if (value === undefined) throw new Error(missingFixture(config, key));
  return value as NonNullable<Fixtures[K]>;
}

/**
 * The caller's client id header (config clientIdHeader) naming `clientId`: a scenario that changes the
 * token's client sends the same id there, so a header/token mismatch does not become a second fault.
 */
export function clientIdHeader(config: ScenarioEnv, clientId: string): Record<string, string> {
  return config.clientIdHeader ? { [config.clientIdHeader]: clientId } : {};
}
